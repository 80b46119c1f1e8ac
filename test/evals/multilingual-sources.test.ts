/** The readers that rebuild the multilingual dev set's texts from their source datasets. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  bbcUrduArticle,
  type Dataset,
  parseDelimited,
  READERS,
  readZipEntry,
  wmtDocument,
  xlsxRows,
  xmlText,
} from '../../scripts/multilingual-sources.ts';

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
    const rows = parseDelimited('0,1\r\ninternational,"a, ""quoted""\nsecond line"\nsport,plain\n');

    // Assess
    expect(rows).toEqual([
      ['0', '1'],
      ['international', 'a, "quoted"\nsecond line'],
      ['sport', 'plain'],
    ]);
  });

  it('reads a quote inside an unquoted field as a character, as Python does, with any delimiter', () => {
    // Act
    const rows = parseDelimited('category\theadline\npolitics\tL\'OTAN "prudente"\t"a\tb"\n', '\t');

    // Assess
    expect(rows).toEqual([
      ['category', 'headline'],
      ['politics', 'L\'OTAN "prudente"', 'a\tb'],
    ]);
  });

  it('decodes XML entities and takes a WMT document apart: title segment, then paragraphs', () => {
    // Prepare
    const xml = [
      '<dataset><doc origlang="ru" id="other.1"><src lang="ru"><p><seg id="1">Не тот</seg></p></src></doc>',
      '<doc origlang="ru" id="izvestiya.1"><src lang="ru">',
      '<p><seg id="1">Заголовок &quot;в кавычках&quot;</seg><seg id="2">Первое.</seg><seg id="3">Второе.</seg></p>',
      '<p><seg id="4">Третье &amp; последнее.</seg></p></src>',
      '<ref lang="en"><p><seg id="1">Headline</seg></p></ref></doc></dataset>',
    ].join('\n');

    // Act
    const article = wmtDocument(xml, 'izvestiya.1');

    // Assess
    expect(xmlText('&lt;a&gt; &#233;&#x4E2D;')).toBe('<a> é中');
    expect(article).toEqual({
      title: 'Заголовок "в кавычках"',
      text: 'Первое. Второе.\n\nТретье & последнее.',
    });
    expect(() => wmtDocument(xml, 'missing.2')).toThrow('no document missing.2');
  });

  it('reads the first sheet of a workbook, shared and inline strings by column', () => {
    // Prepare
    const sharedStrings =
      '<sst><si><t>Id</t></si><si><t>Headline</t></si><si><r><t>Parte </t></r><r><t xml:space="preserve">uno</t></r></si></sst>';
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2"><v>322</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="inlineStr"><is><t>M&#233;xico</t></is></c></row></sheetData></worksheet>';
    const workbook = Buffer.concat([
      zipEntry('xl/sharedStrings.xml', sharedStrings, true),
      zipEntry('xl/worksheets/sheet1.xml', sheet, true),
    ]);

    // Act
    const rows = xlsxRows(workbook);

    // Assess
    expect(rows).toEqual([
      { A: 'Id', B: 'Headline' },
      { A: '322', B: 'Parte uno', C: 'México' },
    ]);
  });

  it('reads a story from a WMT text file by its line range and a MasakhaNEWS row by its URL', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'wirewatch-sources-'));
    writeFileSync(
      join(dir, 'src.zh'),
      '前一行\n委内瑞拉外长指责美国-新华网\n阿雷亚萨说，\n美国政府施压。\n下一个故事\n',
    );
    writeFileSync(
      join(dir, 'test.tsv'),
      'category\theadline\ttext\turl\npolitics\t Titre \t Texte. \thttps://www.bbc.com/afrique/monde-1\n',
    );
    const at = (dataset: Partial<Dataset>): Dataset => ({
      repo: 'r',
      commit: 'c',
      path: '',
      format: '',
      ...dataset,
    });

    // Act
    let story: { title: string; text: string } | undefined;
    let row: { title: string; text: string } | undefined;
    try {
      story = await READERS['wmt-txt-lines']?.(dir, at({ path: 'src.zh', firstLine: 2, lastLine: 4 }), {
        url: null,
        dataset: at({}),
      });
      row = await READERS['masakhanews-tsv']?.(dir, at({ path: 'test.tsv' }), {
        url: 'https://www.bbc.com/afrique/monde-1',
        dataset: at({}),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Assess
    expect(story).toEqual({ title: '委内瑞拉外长指责美国-新华网', text: '阿雷亚萨说，美国政府施压。' });
    expect(row).toEqual({ title: 'Titre', text: 'Texte.' });
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
