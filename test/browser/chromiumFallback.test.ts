/**
 * The browser test's last resort works on this machine: the Chromium shipped by the
 * @sparticuz/chromium dev dependency (what a fresh Linux machine without a system browser uses)
 * starts under playwright-core and renders a page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type HeadlessBrowser } from '../support/browser';

describe('Chromium from the npm package', () => {
  let browser: HeadlessBrowser;
  beforeAll(async () => {
    browser = await launchChromium([{ kind: 'npm-package', packageName: '@sparticuz/chromium' }]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders a page and runs its script', async () => {
    expect(browser.executable).toBe('the Chromium of the npm package @sparticuz/chromium');
    const page = await browser.context.newPage();
    await page.setContent(
      '<p id="out"></p><script>document.getElementById("out").textContent = String(6 * 7);</script>',
    );
    expect(await page.textContent('#out')).toBe('42');
  });
});
