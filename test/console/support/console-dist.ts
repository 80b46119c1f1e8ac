/** The built console (console/dist) as the tests read it. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export type ViteManifest = Record<string, ManifestChunk>;

export async function readManifest(): Promise<ViteManifest> {
  return JSON.parse(await readFile(`${CONSOLE_DIST}.vite/manifest.json`, 'utf8')) as ViteManifest;
}

/** The JavaScript files a first visit loads: each entry and, transitively, what it imports statically. */
export function firstLoadFiles(manifest: ViteManifest): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...files].filter((file) => file.endsWith('.js'));
}
