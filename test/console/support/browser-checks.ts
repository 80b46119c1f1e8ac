/**
 * What the browser suite checks on each page: no accessibility violation of serious or critical
 * impact (axe-core, injected into the page), and a screenshot of the step kept as a test artifact
 * under test-artifacts/console/ (gitignored; docs/console.md names each one).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-artifacts/console/', import.meta.url));

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical violations on the page as it is now, under WCAG 2.1 A and AA and best practice. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // The callbacks run in the page; this file is typed for Node, so the page's globals go through globalThis.
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    await page.addScriptTag({ content: await readFile(AXE_SOURCE, 'utf8') });
  }
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run: (options: object) => Promise<unknown> } };
    const results = (await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      targets: nodes.map(({ target }) => target.join(' ')),
    }));
  });
  return violations.filter(({ impact }) => impact === 'serious' || impact === 'critical');
}

/** Saves the page as `<name>.png` under test-artifacts/console/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
