/**
 * The analyst's journey through the console in a real browser (Debian's Chromium, driven by
 * playwright-core) against the real local runtime and console server: write a rule, see the preview
 * find the seed, save, subscribe, run the pipeline, see the alert in the inbox, open the article and
 * see the highlights, open the heat map and follow a cell to its articles. Each step is checked with
 * axe-core and kept as a screenshot under test-artifacts/console/ (docs/console.md names them).
 * The steps run in order and share one page, as the analyst's session does.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations } from './support/browser-checks.ts';
import { findChromium, NO_CHROMIUM_MESSAGE } from './support/chromium.ts';
import { type SampleConsole, startSampleConsole } from './support/sample-console.ts';

const executablePath = findChromium();
if (executablePath === null) console.warn(NO_CHROMIUM_MESSAGE);

/** The seed article (samples/site/articles/pakistan-us-bilateral-ties.html) and what the new rule finds in it. */
const SEED_TITLE = 'Bilateral ties';
const PHRASE = 'counterterrorism dialogue';
const RULE_NAME = 'PK-US counterterrorism talks';
const BROKEN_QUERY = `"${PHRASE}" AND (pair:PK-US`;
const RULE_QUERY = `"${PHRASE}" AND pair:PK-US`;

const STEP_TIMEOUT_MS = 60_000;

describe.skipIf(executablePath === null)('the analyst console in Chromium', () => {
  let local: SampleConsole;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  /** After each step: no serious or critical accessibility violation, and the screenshot kept. */
  async function checkStep(name: string): Promise<void> {
    await screenshot(page, name);
    expect(await seriousViolations(page), `accessibility of ${name}`).toEqual([]);
    expect(pageErrors, `uncaught errors in the page by ${name}`).toEqual([]);
  }

  beforeAll(async () => {
    local = await startSampleConsole();
    browser = await chromium.launch({ executablePath: executablePath as string, args: ['--no-sandbox'] });
    // axe-core is injected as a script tag, which the console's Content-Security-Policy would refuse.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await local?.stop();
  }, 60_000);

  it(
    'opens the printed address signed in, with the seed alert in the inbox',
    async () => {
      // Prepare
      const printed = local.url;

      // Act
      await page.goto(printed);

      // Assess
      await expect.poll(() => page.url()).toBe(`${local.origin}/#/inbox`);
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      await page.getByRole('link', { name: SEED_TITLE }).first().waitFor();
      await checkStep('01-inbox-first-start');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'shows a syntax error at its position while the rule is typed',
    async () => {
      // Prepare
      await page.getByRole('link', { name: 'Rules' }).click();
      await page.getByRole('link', { name: 'Write a new rule' }).click();

      // Act
      await page.getByLabel('Name').fill(RULE_NAME);
      await page.getByLabel('Query').fill(BROKEN_QUERY);

      // Assess
      await page.getByText(`Syntax error at position ${BROKEN_QUERY.length}`).waitFor();
      expect(await page.getByLabel('Query').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('button', { name: 'Save rule' }).isDisabled()).toBe(true);
      await checkStep('02-rule-syntax-error');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'previews the corrected rule over the archive and finds the seed, its terms highlighted',
    async () => {
      // Prepare
      await page.getByLabel('Query').fill(RULE_QUERY);
      await page.getByText('The query is valid.').waitFor();

      // Act
      await page.getByRole('button', { name: 'Preview', exact: true }).click();

      // Assess
      const matches = page.getByRole('list', { name: 'Newest matches' });
      await matches.getByRole('link', { name: SEED_TITLE }).waitFor();
      expect((await matches.locator('mark').allTextContents()).map((text) => text.toLowerCase())).toContain(
        PHRASE,
      );
      await page.getByRole('img', { name: /Matches per day/ }).waitFor();
      await checkStep('03-rule-preview');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'saves the rule, which the rules list then shows as the analyst’s',
    async () => {
      // Act
      await page.getByRole('button', { name: 'Save rule' }).click();

      // Assess
      await page.getByText('Saved.').waitFor();
      expect(page.url()).toMatch(/#\/rules\/[^/?]+\?saved=/);
      await checkStep('04-rule-saved');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'subscribes to the new rule, and lists the subscription with its state',
    async () => {
      // Prepare
      await page.getByRole('link', { name: `Subscribe to “${RULE_NAME}”` }).click();
      await page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();

      // Act
      await page.getByLabel('Each alert at once').check();
      await page.getByRole('button', { name: 'Subscribe', exact: true }).click();

      // Assess
      const row = page.getByRole('row', { name: new RegExp(`Rule “${RULE_NAME}”`) });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/Confirmed|Pending/);
      await checkStep('05-subscribed');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'shows the new rule’s alert in the inbox once the pipeline has run',
    async () => {
      // Prepare
      await local.runPipeline();

      // Act
      await page.getByRole('link', { name: 'Inbox' }).click();
      // The link changes the page without a load: until the inbox renders, the subscriptions page's own
      // "Rule" selects are still there.
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      const filters = page.getByRole('form', { name: 'Filter alerts' });
      await filters.getByLabel('Rule').selectOption({ label: RULE_NAME });
      await filters.getByRole('button', { name: 'Filter' }).click();

      // Assess
      const alert = page
        .getByRole('list', { name: 'Alerts' })
        .getByRole('listitem')
        .filter({ hasText: RULE_NAME });
      await alert.getByRole('link', { name: SEED_TITLE }).waitFor();
      // The filtered list replaces the unfiltered one: wait for the highlight rather than read it mid-render.
      await alert
        .locator('mark', { hasText: /counterterrorism/i })
        .first()
        .waitFor();
      expect((await alert.locator('mark').allTextContents()).join(' ').toLowerCase()).toContain(
        'counterterrorism',
      );
      await checkStep('06-inbox-new-alert');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'opens the article with the evidence of its labels and the rule’s terms highlighted',
    async () => {
      // Act
      await page
        .getByRole('list', { name: 'Alerts' })
        .getByRole('link', { name: SEED_TITLE })
        .first()
        .click();

      // Assess
      await page.getByRole('heading', { level: 1, name: 'Article' }).waitFor();
      const ruleEvidence = page.getByRole('button', { name: new RegExp(`Rule “${RULE_NAME}”`) });
      await ruleEvidence.waitFor();
      await page.getByRole('button', { name: /Pair PK-US/ }).waitFor();
      expect(await page.locator('.article-text mark').count()).toBeGreaterThan(0);
      // The text keeps its own direction (an Urdu or Arabic article reads right to left).
      expect(await page.locator('.article-text > [dir="auto"]').count()).toBe(1);
      await checkStep('07-article-evidence');
      await ruleEvidence.click();
      const ruleMarks = await page.locator('.article-text mark').allTextContents();
      expect(ruleMarks.map((text) => text.toLowerCase())).toContain(PHRASE);
      await checkStep('08-article-rule-terms');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'opens the heat map and follows a PK-US cell to its articles, the seed among them',
    async () => {
      // Prepare
      await page.getByRole('link', { name: 'Trends' }).click();
      await page.getByRole('img', { name: /Heat map/ }).waitFor();
      await checkStep('09-heat-map');

      // Act
      const pairRow = page.getByRole('row', { name: /PK-US/ });
      await pairRow
        .getByRole('link', { name: /PK-US .* articles/ })
        .first()
        .click();

      // Assess
      await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
      await page.getByRole('list', { name: 'Articles' }).getByRole('link', { name: SEED_TITLE }).waitFor();
      await checkStep('10-heat-map-cell-articles');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'shows the PK-US timeline with the seed’s day counted',
    async () => {
      // Prepare
      await page.getByRole('link', { name: 'Trends' }).click();

      // Act
      await page.getByRole('link', { name: 'PK-US timeline' }).click();

      // Assess
      await page.getByRole('heading', { level: 1, name: 'Timeline PK-US' }).waitFor();
      const counted = page.getByRole('table').getByRole('link');
      // The heading shows before the timeline's data arrives: wait for its table, then count.
      await counted.first().waitFor();
      expect(await counted.count()).toBeGreaterThan(0);
      await checkStep('11-pair-timeline');
    },
    STEP_TIMEOUT_MS,
  );
  it(
    'shows an admin the feeds, the broken sample feed among them, and the dead-letter queues',
    async () => {
      // Act
      await page.getByRole('link', { name: 'Ops' }).click();

      // Assess
      await page.getByRole('heading', { level: 1, name: 'Operations' }).waitFor();
      const broken = page.getByRole('row', { name: /Regional Desk/ });
      expect(await broken.textContent()).toContain('feed-malformed');
      await page.getByRole('heading', { name: 'Dead-letter queues' }).waitFor();
      await checkStep('12-ops');
    },
    STEP_TIMEOUT_MS,
  );
});
