import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../shared/extraction/extract-article.ts';

const URDU = [
  'پاکستان اور امریکہ کے درمیان انسداد دہشت گردی کے موضوع پر مذاکرات اگلے ماہ اسلام آباد میں ہوں گے۔',
  'وزارت خارجہ کے ترجمان نے جمعرات کو بتایا کہ دونوں ممالک کے وفود سرحدی سلامتی اور معلومات کے تبادلے پر بات کریں گے۔',
];
const ARABIC = [
  'قالت وزارة الخارجية السعودية يوم الخميس إن المملكة والولايات المتحدة ستعقدان جولة جديدة من المحادثات الاستراتيجية في الرياض.',
  'وأضافت الوزارة أن الجانبين سيبحثان أمن الملاحة في الخليج والتعاون الدفاعي بين البلدين.',
];
const PERSIAN = [
  'وزارت امور خارجه ایران روز پنجشنبه اعلام کرد که دور تازه‌ای از گفتگوها با کشورهای همسایه ماه آینده در تهران برگزار خواهد شد.',
  'به گفته سخنگوی وزارت، هیئت‌های دو کشور درباره همکاری‌های مرزی و امنیت خلیج فارس گفتگو می‌کنند.',
];

function page(lang: string | null, title: string, paragraphs: readonly string[]): string {
  const langAttribute = lang === null ? '' : ` lang="${lang}"`;
  return `<!doctype html><html${langAttribute} dir="rtl"><head><meta charset="utf-8"><title>${title}</title></head>
<body><nav><a href="/">صفحه اول</a> <a href="/world">جهان</a></nav>
<article><h1>${title}</h1>${paragraphs.map((paragraph) => `<p dir="rtl">${paragraph}</p>`).join('\n')}</article>
<footer>© 2026</footer></body></html>`;
}

describe('right-to-left pages', () => {
  it.each([
    { name: 'Urdu declared as Urdu', lang: 'ur', paragraphs: URDU, expected: 'ur' },
    { name: 'Urdu with no declared language', lang: null, paragraphs: URDU, expected: 'ur' },
    { name: 'Urdu on a template declaring Arabic', lang: 'ar', paragraphs: URDU, expected: 'ur' },
    { name: 'Arabic with no declared language', lang: null, paragraphs: ARABIC, expected: 'ar' },
    { name: 'Persian with no declared language', lang: null, paragraphs: PERSIAN, expected: 'fa' },
    { name: 'Persian declared as Persian', lang: 'fa-IR', paragraphs: PERSIAN, expected: 'fa' },
  ])('extracts the text, in reading order, and the language of $name', ({ lang, paragraphs, expected }) => {
    // Prepare
    const title = paragraphs[0]?.split(' ').slice(0, 6).join(' ') ?? '';
    const html = page(lang, title, paragraphs);

    // Act
    const article = extractArticle(html, { url: 'https://news.example/2026/11/story' });

    // Assess
    expect(article.title).toBe(title);
    expect(article.text).toBe(paragraphs.join('\n\n'));
    expect(article.lang).toBe(expected);
  });

  it('keeps the zero-width non-joiners of Persian words in the text', () => {
    // Act
    const article = extractArticle(page('fa', 'گفتگو', PERSIAN), { url: 'https://news.example/fa' });

    // Assess
    expect(article.text).toContain('هیئت\u200cهای');
  });
});

describe('zero-width joiners outside scripts that write them', () => {
  it('are still removed from Latin words', () => {
    // Prepare
    const html = `<html lang="en"><body><article><p>${'Talks between Paki\u200cstan and the United States resumed on Monday. '.repeat(3)}</p></article></body></html>`;

    // Act
    const article = extractArticle(html, { url: 'https://news.example/en' });

    // Assess
    expect(article.text).not.toMatch(/[\u200c\u200d]/);
    expect(article.text).toContain('Pakistan');
  });
});
