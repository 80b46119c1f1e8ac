/**
 * Feeds and pages in the legacy charsets of Arabic, Urdu, Russian, Chinese and Japanese news sites.
 * The bytes below were encoded by Python's codecs (cp1256, cp1251, gb18030, gbk, shift_jis, koi8_r,
 * iso8859_6), not by the decoder under test, so a wrong table or a wrong label shows.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../shared/extraction/extract-article.ts';
import { parseFeed } from '../../shared/feeds/parse-feed.ts';
import { decodeText, decodeTextWithReport } from '../../shared/text/decode-text.ts';

interface Sample {
  /** The label a site would declare. */
  label: string;
  /** The WHATWG name decodeText reports. */
  charset: string;
  text: string;
  hex: string;
}

const SAMPLES: readonly Sample[] = [
  {
    label: 'windows-1256',
    charset: 'windows-1256',
    text: 'مباحثات سعودية أمريكية في الرياض',
    hex: 'e3c8c7cdcbc7ca20d3dae6cfedc920c3e3d1eddfedc920dded20c7e1d1edc7d6',
  },
  {
    // Urdu in windows-1256 types the Arabic yeh (ي): the code page has no Persian one.
    label: 'cp1256',
    charset: 'windows-1256',
    text: 'پاکستان اور امريکہ کے مذاکرات',
    hex: '81c798d3cac7e420c7e6d120c7e3d1ed98c02098ff20e3d0c798d1c7ca',
  },
  {
    label: 'cp1251',
    charset: 'windows-1251',
    text: 'Переговоры России и Китая в Пекине',
    hex: 'cfe5f0e5e3eee2eef0fb20d0eef1f1e8e820e820cae8f2e0ff20e220cfe5eae8ede5',
  },
  {
    label: 'GB18030',
    charset: 'gb18030',
    text: '中美两国在北京举行贸易谈判',
    hex: 'd6d0c3c0c1bdb9fad4dab1b1bea9bed9d0d0c3b3d2d7ccb8c5d0',
  },
  {
    label: 'gb2312',
    charset: 'gbk',
    text: '中国与巴基斯坦签署经济走廊协议',
    hex: 'd6d0b9fad3ebb0cdbbf9cbb9ccb9c7a9caf0beadbcc3d7dfc0c8d0add2e9',
  },
  {
    label: 'Shift_JIS',
    charset: 'shift_jis',
    text: '日米首脳が東京で会談',
    hex: '93fa95c48ef1945d82aa938c8b9e82c589ef926b',
  },
  {
    label: 'koi8-r',
    charset: 'koi8-r',
    text: 'Москва и Минск подписали соглашение',
    hex: 'edcfd3cbd7c120c920edc9ced3cb20d0cfc4d0c9d3c1ccc920d3cfc7ccc1dbc5cec9c5',
  },
  {
    label: 'ISO-8859-6',
    charset: 'iso-8859-6',
    text: 'قمة خليجية في الدوحة',
    hex: 'e2e5c920cee4eacceac920e1ea20c7e4cfe8cdc9',
  },
];

/** ASCII markup around the encoded bytes, as a page or feed in that charset is. */
function withMarkup(before: string, sample: Sample, after: string): Uint8Array {
  const ascii = new TextEncoder();
  return Uint8Array.from([
    ...ascii.encode(before),
    ...Buffer.from(sample.hex, 'hex'),
    ...ascii.encode(after),
  ]);
}

describe('legacy charsets of non-Latin news sites', () => {
  it.each(SAMPLES)('decodes $label declared by the HTTP Content-Type', (sample) => {
    // Prepare
    const bytes = withMarkup('<p>', sample, '</p>');

    // Act
    const decoded = decodeTextWithReport(bytes, {
      kind: 'html',
      contentType: `text/html; charset=${sample.label}`,
    });

    // Assess
    expect(decoded).toEqual({
      text: `<p>${sample.text}</p>`,
      charset: sample.charset,
      source: 'content-type',
      problem: null,
    });
  });

  it.each(SAMPLES)('decodes an RSS feed in $label declared by its XML declaration', (sample) => {
    // Prepare
    const bytes = withMarkup(
      `<?xml version="1.0" encoding="${sample.label}"?><rss version="2.0"><channel><title>Desk</title>` +
        '<item><link>https://news.example/1</link><title>',
      sample,
      '</title></item></channel></rss>',
    );

    // Act
    const feed = parseFeed(bytes, {
      url: 'https://news.example/feed.xml',
      contentType: 'application/rss+xml',
    });

    // Assess
    expect(feed.entries.map((entry) => entry.title)).toEqual([sample.text]);
    expect(feed.bozo).toBe(false);
  });

  it.each(SAMPLES)('decodes a page in $label declared by <meta charset> and extracts it', (sample) => {
    // Prepare
    const page = withMarkup(
      `<!doctype html><html><head><meta charset="${sample.label}"><title>`,
      sample,
      '</title></head><body><article><p>',
    );
    const body = Buffer.from(Array.from({ length: 8 }, () => sample.hex).join('20'), 'hex');
    const bytes = Uint8Array.from([
      ...page,
      ...body,
      ...new TextEncoder().encode('</p></article></body></html>'),
    ]);

    // Act
    const { text: html, charset } = decodeText(bytes, { kind: 'html' });
    const article = extractArticle(html, { url: 'https://news.example/story' });

    // Assess
    expect(charset).toBe(sample.charset);
    expect(article.title).toBe(sample.text);
    expect(article.text).toBe(Array.from({ length: 8 }, () => sample.text).join(' '));
  });
});
