/**
 * How each source dataset of the multilingual development set holds an article: one reader per
 * `dataset.format` of evals/data/multilingual/<lang>/sources.jsonl, used by
 * scripts/assemble-multilingual-devset.ts. A new source format needs a reader here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface Dataset {
  repo: string;
  commit: string;
  path: string;
  format: string;
  row?: number;
  textColumn?: number;
  index?: number;
  entry?: string;
}

export interface Source {
  url: string | null;
  dataset: Dataset;
}

export type Article = { title: string; text: string };
export type Reader = (checkout: string, dataset: Dataset, source: Source) => Promise<Article>;

/** Rows of a CSV file (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** One stored entry of a ZIP archive written without data descriptors (deflated or stored). */
export function readZipEntry(archive: Buffer, name: string): Buffer {
  let offset = 0;
  while (offset + 30 <= archive.length && archive.readUInt32LE(offset) === 0x04034b50) {
    const flags = archive.readUInt16LE(offset + 6);
    const method = archive.readUInt16LE(offset + 8);
    const size = archive.readUInt32LE(offset + 18);
    const nameLength = archive.readUInt16LE(offset + 26);
    const extraLength = archive.readUInt16LE(offset + 28);
    const start = offset + 30 + nameLength + extraLength;
    if ((flags & 0x08) !== 0) throw new Error('ZIP entries with data descriptors are not supported');
    if (archive.toString('utf8', offset + 30, offset + 30 + nameLength) === name) {
      const data = archive.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`ZIP compression method ${method} is not supported`);
    }
    offset = start + size;
  }
  throw new Error(`no entry ${name} in the archive`);
}

/**
 * BBC Urdu pages saved as text (github.com/mustafabawani/Urdu-News-Clustering): blocks apart by a
 * blank line, each wrapped at a fixed width with words cut across lines; title, summary, a date
 * block (`Wed, 26 Oct 2016 04:08:34 GMT`), then the body, which is what is kept.
 */
export function bbcUrduArticle(raw: string): Article {
  const blocks = raw
    .split('\n\n')
    .map((block) => block.replaceAll('\n', '').replace(/ {2,}/g, ' ').trim())
    .filter((block) => block !== '');
  const dateBlock = blocks.findIndex((block) => /^\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT$/.test(block));
  if (dateBlock < 1) throw new Error('no date block');
  const title = (blocks[0] ?? '').replace(/^'+|'+$/g, '').trim();
  return { title, text: blocks.slice(dateBlock + 1).join('\n\n') };
}

export const READERS: Record<string, Reader> = {
  'bbc-urdu-text': async (checkout, dataset) =>
    bbcUrduArticle(await readFile(join(checkout, dataset.path), 'utf8')),
  // The BBC Hindi set has no headlines: the title stays empty.
  'csv-row': async (checkout, dataset) => {
    const row = parseCsv(await readFile(join(checkout, dataset.path), 'utf8'))[dataset.row ?? -1];
    const text = row?.[dataset.textColumn ?? -1];
    if (text === undefined) throw new Error(`no row ${dataset.row} column ${dataset.textColumn}`);
    return { title: '', text };
  },
  'fars-json': async (checkout, dataset) => {
    const items = JSON.parse(await readFile(join(checkout, dataset.path), 'utf8')) as {
      title: string;
      paragraphs: string[];
    }[];
    const item = items[dataset.index ?? -1];
    if (item === undefined) throw new Error(`no item ${dataset.index}`);
    const paragraphs = item.paragraphs.map((paragraph) => paragraph.trim()).filter((p) => p !== '');
    return { title: item.title.trim(), text: paragraphs.join('\n\n') };
  },
  'saudinewsnet-json': async (checkout, dataset, source) => {
    const archive = await readFile(join(checkout, dataset.path));
    const items = JSON.parse(readZipEntry(archive, dataset.entry ?? '').toString('utf8')) as {
      url: string;
      title: string;
      content: string;
    }[];
    const item = items.find((candidate) => candidate.url === source.url);
    if (item === undefined) throw new Error(`no article with url ${source.url}`);
    return { title: item.title.trim(), text: item.content.trim() };
  },
};
