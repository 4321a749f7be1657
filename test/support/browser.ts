/**
 * Test fixture: a headless Chromium driven by playwright-core, with a fresh empty profile and every
 * background fetch off (the network is closed here). Which Chromium, in order:
 *   1. CHROMIUM_PATH, when set (a Chromium or Chrome binary; it must exist);
 *   2. a system Chromium or Chrome (Debian's /usr/bin/chromium, chromium-browser, google-chrome,
 *      or the macOS applications);
 *   3. the Chromium shipped by the @sparticuz/chromium dev dependency (Linux x64/arm64), unpacked
 *      into the temp directory on first use, so `npm ci && npm test` needs no system browser.
 * A candidate that fails to start is skipped for the next; when none starts, the error lists what
 * was tried and names the fix.
 */
import type SparticuzChromium from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const CHROMIUM_PATH_ENV = 'CHROMIUM_PATH';

const SYSTEM_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MACOS_BROWSERS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** How a candidate is started: a binary at a path, or the npm package's (unpacked when launched). */
export type BrowserCandidate =
  { kind: 'env' | 'system'; executablePath: string } | { kind: 'npm-package'; packageName: '@sparticuz/chromium' };

export interface CandidateEnvironment {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
}

const defaultEnvironment = (): CandidateEnvironment => ({
  env: process.env,
  platform: process.platform,
  exists: existsSync,
});

/** The candidates in the order they are tried (pure: the file system and env come in). */
export function browserCandidates(environment: CandidateEnvironment = defaultEnvironment()): BrowserCandidate[] {
  const { env, platform, exists } = environment;
  const explicit = env[CHROMIUM_PATH_ENV];
  if (explicit) return [{ kind: 'env', executablePath: explicit }];
  const candidates: BrowserCandidate[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (!seen.has(path) && exists(path)) {
      seen.add(path);
      candidates.push({ kind: 'system', executablePath: path });
    }
  };
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/snap/bin'];
  for (const name of SYSTEM_BROWSER_NAMES) for (const dir of dirs) add(join(dir, name));
  if (platform === 'darwin') MACOS_BROWSERS.forEach(add);
  if (platform === 'linux') candidates.push({ kind: 'npm-package', packageName: '@sparticuz/chromium' });
  return candidates;
}

export function describeCandidate(c: BrowserCandidate): string {
  return c.kind === 'npm-package' ? `the Chromium of the npm package ${c.packageName}` : c.executablePath;
}

/** The message when no Chromium could be started: what was tried, and how to fix it. */
export function noBrowserMessage(
  failures: readonly { candidate: string; reason: string }[],
  env = process.env,
): string {
  const tried = failures.map((f) => `  - ${f.candidate}: ${f.reason.split('\n')[0]}`).join('\n');
  const fix = env[CHROMIUM_PATH_ENV]
    ? `fix ${CHROMIUM_PATH_ENV} (it must name a Chromium or Chrome binary), or unset it to let the test find one`
    : `set ${CHROMIUM_PATH_ENV}=/path/to/chromium (or Chrome), install Chromium (Debian/Ubuntu: sudo apt-get install -y chromium), or run \`npm ci\` so the @sparticuz/chromium dev dependency is present (Linux)`;
  return `No headless Chromium could be started for the browser test. Tried:\n${tried || '  (nothing found)'}\nFix: ${fix}.`;
}

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function launchArgs(c: BrowserCandidate): Promise<{ executablePath: string; args: string[] }> {
  if (c.kind !== 'npm-package') {
    if (!existsSync(c.executablePath)) throw new Error('no such file');
    return { executablePath: c.executablePath, args: BASE_ARGS };
  }
  let sparticuz: typeof SparticuzChromium;
  try {
    sparticuz = (await import('@sparticuz/chromium')).default;
  } catch (error) {
    throw new Error(`not installed (${(error as Error).message})`, { cause: error });
  }
  // Its own flags (single process, headless shell) plus ours; --no-sandbox where it runs as non-root too.
  return {
    executablePath: await sparticuz.executablePath(),
    args: [...new Set([...sparticuz.args, ...BASE_ARGS])],
  };
}

export interface HeadlessBrowser {
  context: BrowserContext;
  /** Which Chromium runs (for the test's own messages). */
  executable: string;
  close(): Promise<void>;
}

export async function launchChromium(candidates: BrowserCandidate[] = browserCandidates()): Promise<HeadlessBrowser> {
  const failures: { candidate: string; reason: string }[] = [];
  for (const candidate of candidates) {
    const userDataDir = await mkdtemp(join(tmpdir(), 'hashwatch-chromium-'));
    try {
      const { executablePath, args } = await launchArgs(candidate);
      // A fixed locale: under LANG=C.UTF-8 (CI images, this container) headless Chromium reports
      // "en-US@posix", which Intl refuses ("Invalid language tag"), and the report's charts never draw.
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        args,
        locale: 'en-US',
      });
      return {
        context,
        executable: describeCandidate(candidate),
        async close() {
          await context.close();
          await rm(userDataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      failures.push({ candidate: describeCandidate(candidate), reason: (error as Error).message });
    }
  }
  throw new Error(noBrowserMessage(failures));
}

export type { Browser };
