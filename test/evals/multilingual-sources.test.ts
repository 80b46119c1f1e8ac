/** The readers that rebuild the multilingual dev set's texts from their source datasets. */

import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bbcUrduArticle, parseCsv, readZipEntry } from '../../scripts/multilingual-sources.ts';

/** A ZIP local file entry (no data descriptor), deflated or stored. */
function zipEntry(name: string, content: string, deflate: boolean): Buffer {
  const data = deflate ? deflateRawSync(Buffer.from(content)) : Buffer.from(content);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(deflate ? 8 : 0, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(Buffer.byteLength(content), 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), data]);
}

describe('the multilingual dev set source readers', () => {
  it('reads CSV fields with commas, doubled quotes and line breaks inside quotes', () => {
    // Act
    const rows = parseCsv('0,1\r\ninternational,"a, ""quoted""\nsecond line"\nsport,plain\n');

    // Assess
    expect(rows).toEqual([
      ['0', '1'],
      ['international', 'a, "quoted"\nsecond line'],
      ['sport', 'plain'],
    ]);
  });

  it('finds a named entry in a ZIP archive, deflated or stored', () => {
    // Prepare
    const archive = Buffer.concat([
      zipEntry('first.json', '[1]', false),
      zipEntry('2015-07-21.json', '[{"title":"عنوان"}]', true),
    ]);

    // Act / Assess
    expect(readZipEntry(archive, '2015-07-21.json').toString('utf8')).toBe('[{"title":"عنوان"}]');
    expect(readZipEntry(archive, 'first.json').toString('utf8')).toBe('[1]');
    expect(() => readZipEntry(archive, 'missing.json')).toThrow('no entry missing.json in the archive');
  });

  it('rejoins a BBC Urdu page wrapped mid-word and keeps the body after the date', () => {
    // Prepare
    const raw = [
      " \n           'شمالی کوریا کا منصوبہ ناکام'",
      '  \nامریکی انٹیلیجنس نے کہا کہ منصوبہ ناکام \n                  ہے۔',
      '  \n                 Wed, 26 Oct 2016 04:08:34 GMT',
      '  \nامریکی قومی انٹیلیجنس کے ڈائریکٹر نے کہا کہ شمالی کوریا کو جوہری پر\nوگرام ترک کرنے کے لیے آمادہ کرنا مشکل ہے۔',
    ].join('\n\n');

    // Act
    const article = bbcUrduArticle(raw);

    // Assess
    expect(article.title).toBe('شمالی کوریا کا منصوبہ ناکام');
    expect(article.text).toBe(
      'امریکی قومی انٹیلیجنس کے ڈائریکٹر نے کہا کہ شمالی کوریا کو جوہری پروگرام ترک کرنے کے لیے آمادہ کرنا مشکل ہے۔',
    );
    expect(() => bbcUrduArticle('no date here')).toThrow('no date block');
  });
});
