import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONSOLE_DIST, firstLoadFiles, readManifest } from './support/console-dist.ts';

/** The budget for the console's first load: JavaScript, gzipped. */
const FIRST_LOAD_BUDGET_BYTES = 250 * 1024;

const gzippedSize = async (file: string) =>
  gzipSync(await readFile(`${CONSOLE_DIST}${file}`), { level: 9 }).length;

describe('the built console', () => {
  it('loads at most 250 KB of gzipped JavaScript on a first visit', async () => {
    // Prepare
    const manifest = await readManifest();

    // Act
    const files = firstLoadFiles(manifest);
    const sizes = await Promise.all(files.map(gzippedSize));
    const total = sizes.reduce((sum, size) => sum + size, 0);

    // Assess
    expect(files.length).toBeGreaterThan(0);
    expect(total, `first load: ${files.join(', ')}`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('leaves the chart library out of the first load: only chart pages fetch it', async () => {
    // Prepare
    const manifest = await readManifest();

    // Act
    const firstLoad = new Set(firstLoadFiles(manifest));
    const chartChunks = Object.entries(manifest).filter(([key]) => key.includes('charts/charts.ts'));

    // Assess
    expect(chartChunks).toHaveLength(1);
    expect(firstLoad.has(chartChunks[0]?.[1].file as string)).toBe(false);
  });
});
