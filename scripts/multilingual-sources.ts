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
  firstLine?: number;
  lastLine?: number;
  doc?: string;
}

export interface Source {
  url: string | null;
  dataset: Dataset;
}

export type Article = { title: string; text: string };
export type Reader = (checkout: string, dataset: Dataset, source: Source) => Promise<Article>;

/**
 * Rows of a delimited file as Python's csv module reads it: a field that starts with a quote is
 * quoted (delimiters, line breaks and doubled quotes inside); a quote anywhere else is a character.
 */
export function parseDelimited(source: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      fieldStart = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStart = true;
    } else {
      field += char;
      fieldStart = false;
    }
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

/** Text of XML character data: the five predefined entities and numeric references decoded. */
export function xmlText(raw: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return named[entity] ?? '';
  });
}

/**
 * One WMT test-set document (`<doc … id="…">`), its source side: the first segment is the title,
 * the rest of each paragraph's segments are joined by a space, paragraphs by a blank line.
 */
export function wmtDocument(xml: string, id: string): Article {
  const start = xml.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no document ${id}`);
  const doc = xml.slice(start, xml.indexOf('</doc>', start));
  const src = doc.slice(doc.indexOf('<src'), doc.indexOf('</src>'));
  const paragraphs = [...src.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((paragraph) =>
    [...(paragraph[1] ?? '').matchAll(/<seg[^>]*>([\s\S]*?)<\/seg>/g)].map((seg) => xmlText(seg[1] ?? '')),
  );
  const title = paragraphs[0]?.shift();
  if (title === undefined) throw new Error(`document ${id} has no segment`);
  const text = paragraphs
    .map((segments) => segments.join(' '))
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
  return { title, text };
}

/** The rows of an .xlsx workbook's first sheet, cells by column letter (shared and inline strings). */
export function xlsxRows(workbook: Buffer): Record<string, string>[] {
  const shared = [
    ...readZipEntry(workbook, 'xl/sharedStrings.xml')
      .toString('utf8')
      .matchAll(/<si>([\s\S]*?)<\/si>/g),
  ].map((item) =>
    [...(item[1] ?? '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1] ?? '')).join(''),
  );
  const sheet = readZipEntry(workbook, 'xl/worksheets/sheet1.xml').toString('utf8');
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
    const cells: Record<string, string> = {};
    for (const cell of (row[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, column = '', attributes = '', body = ''] = cell;
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      if (/t="s"/.test(attributes)) cells[column] = shared[Number(value)] ?? '';
      else if (/t="inlineStr"/.test(attributes))
        cells[column] = [...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)]
          .map((t) => xmlText(t[1] ?? ''))
          .join('');
      else if (value !== undefined) cells[column] = xmlText(value);
    }
    return cells;
  });
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
    const row = parseDelimited(await readFile(join(checkout, dataset.path), 'utf8'))[dataset.row ?? -1];
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
  // WMT news test sets, one sentence a line: a story's headline, then its body (Chinese needs no separator).
  'wmt-txt-lines': async (checkout, dataset) => {
    const lines = (await readFile(join(checkout, dataset.path), 'utf8')).split('\n');
    const story = lines.slice((dataset.firstLine ?? 0) - 1, dataset.lastLine);
    if (story.length === 0) throw new Error(`no lines ${dataset.firstLine}-${dataset.lastLine}`);
    return { title: story[0] ?? '', text: story.slice(1).join('') };
  },
  'wmt-xml-doc': async (checkout, dataset) =>
    wmtDocument(await readFile(join(checkout, dataset.path), 'utf8'), dataset.doc ?? ''),
  'masakhanews-tsv': async (checkout, dataset, source) => {
    const [header = [], ...rows] = parseDelimited(await readFile(join(checkout, dataset.path), 'utf8'), '\t');
    const row = rows.find((candidate) => candidate[header.indexOf('url')] === source.url);
    if (row === undefined) throw new Error(`no row with url ${source.url}`);
    return {
      title: (row[header.indexOf('headline')] ?? '').trim(),
      text: (row[header.indexOf('text')] ?? '').trim(),
    };
  },
  // FakeDeS workbooks: header names differ in case between corpus versions (ID/Id, HEADLINE/Headline).
  'fakedes-xlsx': async (checkout, dataset) => {
    const [header = {}, ...rows] = xlsxRows(await readFile(join(checkout, dataset.path)));
    const column = (name: string) =>
      Object.keys(header).find((key) => (header[key] ?? '').toLowerCase() === name) ?? '';
    const row = rows.find((candidate) => Number(candidate[column('id')]) === dataset.row);
    if (row === undefined) throw new Error(`no row with id ${dataset.row}`);
    // Line ends inside cells are written as CR LF; the texts keep LF, as the other sources do.
    const cell = (name: string) => (row[column(name)] ?? '').replace(/\r\n?/g, '\n').trim();
    return { title: cell('headline'), text: cell('text') };
  },
};
