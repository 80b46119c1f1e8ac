import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/browser-checks.ts';
import { findChromium, NO_CHROMIUM_MESSAGE } from './support/chromium.ts';

const executablePath = findChromium();
if (executablePath === null) console.warn(NO_CHROMIUM_MESSAGE);

/** The browser suite's accessibility check must be able to fail: it is tried here on pages known to be wrong. */
describe.skipIf(executablePath === null)('the accessibility check of the browser suite', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: executablePath as string, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('reports an unlabelled field and a low-contrast text, and passes the same page fixed', async () => {
    // Prepare
    const page = await browser.newPage();
    const broken = `<!doctype html><html lang="en"><head><title>t</title></head><body><main>
      <h1>Form</h1><input type="text"><p style="color:#bbb;background:#fff">faint</p></main></body></html>`;
    const fixed = `<!doctype html><html lang="en"><head><title>t</title></head><body><main>
      <h1>Form</h1><label>Name <input type="text"></label><p style="color:#333;background:#fff">clear</p></main></body></html>`;

    // Act
    await page.setContent(broken);
    const found = (await seriousViolations(page)).map(({ id }) => id).sort();
    await page.setContent(fixed);
    const afterFix = await seriousViolations(page);

    // Assess
    expect(found).toEqual(['color-contrast', 'label']);
    expect(afterFix).toEqual([]);
  }, 60_000);
});
