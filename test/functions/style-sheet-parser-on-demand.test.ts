/**
 * The bundles alias linkedom's `cssomnom/parse` to a module that loads cssomnom on first use: a
 * <style> element's `sheet` must read the same through the alias as without it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES, PIPELINE_BUNDLING } from '../../infra/constructs/pipeline-function.ts';

const ROOT = join(import.meta.dirname, '../..');

// Reads the first rule of a page's style sheet through linkedom, as any bundled code would.
const READ_STYLE_SHEET = `
import { parseHTML } from 'linkedom';
const { document } = parseHTML('<html><head><style>p.lead { color: red; margin: 0 }</style></head><body></body></html>');
const sheet = document.querySelector('style').sheet;
const rule = sheet.cssRules[0];
export const read = { rules: sheet.cssRules.length, selector: rule.selectorText, color: rule.style.color };
`;

async function bundleAndRead(alias: Record<string, string>): Promise<unknown> {
  const directory = await mkdtemp(join(tmpdir(), 'wirewatch-style-sheet-'));
  try {
    const { outputFiles } = await build({
      stdin: { contents: READ_STYLE_SHEET, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      banner: { js: PIPELINE_BUNDLING.banner },
      alias,
      write: false,
      logLevel: 'silent',
    });
    const file = join(directory, 'index.mjs');
    await writeFile(file, outputFiles[0]?.text ?? '');
    const module = (await import(pathToFileURL(file).href)) as { read: unknown };
    return module.read;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('the style sheet parser loaded on demand', () => {
  it('gives linkedom the same style sheet as cssomnom itself', async () => {
    // Act
    const throughAlias = await bundleAndRead({ ...BUNDLE_ALIASES });
    const direct = await bundleAndRead({});

    // Assess
    expect(throughAlias).toEqual({ rules: 1, selector: 'p.lead', color: 'red' });
    expect(throughAlias).toEqual(direct);
  }, 60_000);
});
