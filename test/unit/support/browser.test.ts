/**
 * Which Chromium the browser test uses (test/support/browser.ts), on invented file systems:
 * CHROMIUM_PATH wins, then a system Chromium or Chrome, then the npm package's; with none that
 * starts, the error lists what was tried and names the fix.
 */
import { describe, expect, it } from 'vitest';
import { browserCandidates, launchChromium, noBrowserMessage } from '../../support/browser';

const fs =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('browser candidates', () => {
  it('CHROMIUM_PATH alone when set, even if a system browser exists', () => {
    expect(
      browserCandidates({
        env: { CHROMIUM_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' },
        platform: 'linux',
        exists: fs('/usr/bin/chromium'),
      }),
    ).toEqual([{ kind: 'env', executablePath: '/opt/chrome/chrome' }]);
  });

  it('a system Chromium or Chrome on PATH or in /usr/bin, then the npm package on Linux', () => {
    expect(
      browserCandidates({
        env: { PATH: '/home/me/bin:/usr/bin' },
        platform: 'linux',
        exists: fs('/usr/bin/google-chrome', '/home/me/bin/chromium'),
      }),
    ).toEqual([
      { kind: 'system', executablePath: '/home/me/bin/chromium' },
      { kind: 'system', executablePath: '/usr/bin/google-chrome' },
      { kind: 'npm-package', packageName: '@sparticuz/chromium' },
    ]);
  });

  it('only the npm package on a Linux machine without a browser; the macOS applications on a Mac', () => {
    expect(browserCandidates({ env: { PATH: '/usr/bin' }, platform: 'linux', exists: fs() })).toEqual([
      { kind: 'npm-package', packageName: '@sparticuz/chromium' },
    ]);
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(browserCandidates({ env: { PATH: '/usr/bin' }, platform: 'darwin', exists: fs(chrome) })).toEqual([
      { kind: 'system', executablePath: chrome },
    ]);
  });

  it('names the fix when nothing starts', async () => {
    const message = noBrowserMessage([{ candidate: '/usr/bin/chromium', reason: 'exited with code 127\nmore' }], {});
    expect(message).toContain('- /usr/bin/chromium: exited with code 127');
    expect(message).not.toContain('more');
    expect(message).toContain('set CHROMIUM_PATH=/path/to/chromium');
    expect(message).toContain('sudo apt-get install -y chromium');
    expect(message).toContain('npm ci');
    expect(noBrowserMessage([], { CHROMIUM_PATH: '/nope' })).toContain('fix CHROMIUM_PATH');
    await expect(launchChromium([{ kind: 'env', executablePath: '/no/such/chromium' }])).rejects.toThrow(
      /Tried:\n {2}- \/no\/such\/chromium: no such file\nFix: /,
    );
  });
});
