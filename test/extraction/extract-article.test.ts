import { describe, expect, it } from 'vitest';
import { ExtractionError, extractArticle } from '../../shared/extraction/extract-article.ts';

const URL = 'https://news.example.com/world/2025/talks';

const STORY = [
  'Negotiators from both countries met for a third day on Tuesday, trying to settle the last questions of a trade agreement that has been two years in the making.',
  'Officials said the remaining differences concerned farm subsidies and the timetable for lowering tariffs on machinery, and that both teams had been told to finish before the end of the month.',
  'Business groups on both sides have pressed for a quick conclusion, warning that uncertainty over tariffs has already delayed investment decisions in the region.',
  'The talks are expected to resume next week in the capital, where ministers will review a draft text prepared by their deputies.',
];

function page({
  head = '',
  htmlAttributes = 'lang="en"',
  body,
}: {
  head?: string;
  htmlAttributes?: string;
  body: string;
}) {
  return `<!DOCTYPE html><html ${htmlAttributes}><head><meta charset="utf-8"><title>Trade talks | Example News</title>${head}</head><body>${body}</body></html>`;
}

function paragraphs(texts: readonly string[]): string {
  return texts.map((text) => `<p>${text}</p>`).join('\n');
}

describe('extractArticle: text', () => {
  it('returns the story paragraphs separated by blank lines', () => {
    // Prepare
    const html = page({ body: `<article><h1>Trade talks</h1>${paragraphs(STORY)}</article>` });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toBe(STORY.join('\n\n'));
  });

  it('drops share bars, captions, related lists, newsletter boxes and ad labels', () => {
    // Prepare
    const html = page({
      body: `<article>
        <div class="social-share"><a href="#">Share on Facebook</a><a href="#">Tweet this story</a></div>
        <figure><img src="a.jpg"><figcaption>Delegates arrive for the talks. Photo: Example Agency</figcaption></figure>
        ${paragraphs(STORY.slice(0, 2))}
        <p>Advertisement</p>
        ${paragraphs(STORY.slice(2))}
        <aside class="newsletter"><p>Sign up for our daily briefing and get the news first.</p></aside>
        <div class="related-articles"><h3>Related</h3><ul><li><a href="/x">Ministers meet in Geneva for a new round</a></li></ul></div>
      </article>`,
    });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toBe(STORY.join('\n\n'));
  });

  it('reads furniture words inside camelCase class names', () => {
    // Prepare
    const html = page({
      body: `<article>
        <div class="InlineImage-wrapper"><img src="a.jpg"><span class="newsCaption">Delegates arrive for the talks.</span>
        <div class="imageEmbedCredit">Example Agency | Getty Images</div></div>
        ${paragraphs(STORY)}
      </article>`,
    });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toBe(STORY.join('\n\n'));
  });

  it('keeps to the element the page names as the article body when it holds most of the text', () => {
    // Prepare
    const html = page({
      body: `<div class="story">
        <div class="image-top"><img src="a.jpg"><p>In this file photo, delegates arrive for the first round of the talks in the capital, watched by reporters.</p></div>
        <div class="meta">By Example Reporter, Example News. Published Tuesday, 8:22 a.m.</div>
        <div class="storyText">${paragraphs(STORY)}</div>
      </div>`,
    });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toBe(STORY.join('\n\n'));
  });

  it('drops headings before the first and after the last paragraph, and keeps those between', () => {
    // Prepare
    const html = page({
      body: `<article><h1>Trade talks enter a third day</h1>${paragraphs(STORY.slice(0, 2))}
        <h2>What comes next</h2>${paragraphs(STORY.slice(2))}<h3>Tell us what you think</h3></article>`,
    });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toBe([...STORY.slice(0, 2), 'What comes next', ...STORY.slice(2)].join('\n\n'));
  });

  it('removes soft hyphens and zero-width characters, collapses white space and applies NFC', () => {
    // Prepare
    const decomposed = 'Cafe\u0301';
    const body = `<article>${paragraphs(STORY)}<p>The  coun&shy;ter\u200Bterrorism&nbsp;&nbsp;talks were held at the ${decomposed}\n du Commerce.</p></article>`;

    // Act
    const article = extractArticle(page({ body }), { url: URL });

    // Assess
    expect(article.text.split('\n\n').at(-1)).toBe(
      'The counterterrorism talks were held at the Café du Commerce.',
    );
  });

  it('re-joins a drop cap set in its own element to the word it starts', () => {
    // Prepare
    const [first = '', ...rest] = STORY;
    const body = `<article><div class="dropcap">N</div><p>${first.slice(1)}</p>${paragraphs(rest)}</article>`;

    // Act
    const article = extractArticle(page({ body }), { url: URL });

    // Assess
    expect(article.text.startsWith('Negotiators from both countries')).toBe(true);
  });

  it('leaves a single capital that is a word of its own alone', () => {
    // Prepare
    const body = `<article><p><b>I</b> am told ${STORY[0]}</p>${paragraphs(STORY.slice(1))}</article>`;

    // Act
    const article = extractArticle(page({ body }), { url: URL });

    // Assess
    expect(article.text.startsWith('I am told Negotiators')).toBe(true);
  });
});

describe('extractArticle: metadata', () => {
  it('reads headline, author, date and publisher from JSON-LD, but not its teaser body', () => {
    // Prepare
    const jsonLd = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Example News' },
        {
          '@type': ['NewsArticle'],
          headline: 'Trade negotiators near a deal',
          datePublished: '2025-04-27T09:30:00+05:00',
          author: [{ '@type': 'Person', name: 'Ada Reporter' }, { name: 'Ben Writer' }],
          publisher: { '@type': 'Organization', name: 'Example News Group' },
          articleBody: 'Negotiators met again.',
        },
      ],
    };
    const head = `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`;

    // Act
    const article = extractArticle(page({ head, body: `<article>${paragraphs(STORY)}</article>` }), {
      url: URL,
    });

    // Assess
    expect(article.title).toBe('Trade negotiators near a deal');
    expect(article.byline).toBe('Ada Reporter, Ben Writer');
    expect(article.publishedAt).toBe('2025-04-27T04:30:00.000Z');
    expect(article.siteName).toBe('Example News Group');
    expect(article.text).toBe(STORY.join('\n\n'));
  });

  it('falls back to OpenGraph and <meta> fields', () => {
    // Prepare
    const head = `
      <meta property="og:title" content="Trade talks enter third day">
      <meta property="og:site_name" content="Example News">
      <meta property="og:description" content="Negotiators meet again.">
      <meta name="author" content="By Ada Reporter">
      <meta property="article:published_time" content="2025-04-27">`;

    // Act
    const article = extractArticle(page({ head, body: `<article>${paragraphs(STORY)}</article>` }), {
      url: URL,
    });

    // Assess
    expect(article).toMatchObject({
      title: 'Trade talks enter third day',
      siteName: 'Example News',
      excerpt: 'Negotiators meet again.',
      byline: 'Ada Reporter',
      publishedAt: '2025-04-27T00:00:00.000Z',
    });
  });

  it('takes the publication time from <time datetime> when the head has none', () => {
    // Prepare
    const body = `<article><time datetime="2025-04-27T10:00:00Z">27 April</time>${paragraphs(STORY)}</article>`;

    // Act
    const article = extractArticle(page({ body }), { url: URL });

    // Assess
    expect(article.publishedAt).toBe('2025-04-27T10:00:00.000Z');
  });

  it('uses a same-site rel=canonical, canonicalised', () => {
    // Prepare
    const head = '<link rel="canonical" href="https://WWW.Example.com/world/2025/talks?utm_source=feed#top">';

    // Act
    const article = extractArticle(page({ head, body: `<article>${paragraphs(STORY)}</article>` }), {
      url: URL,
    });

    // Assess
    expect(article.url).toBe(URL);
    expect(article.canonicalUrl).toBe('https://www.example.com/world/2025/talks');
  });

  it('ignores a canonical link to another site and keeps the page URL', () => {
    // Prepare
    const head = '<link rel="canonical" href="https://syndication-partner.example.org/story/1">';
    const pageUrl = 'https://news.example.com/world/2025/talks?utm_medium=rss';

    // Act
    const article = extractArticle(page({ head, body: `<article>${paragraphs(STORY)}</article>` }), {
      url: pageUrl,
    });

    // Assess
    expect(article.canonicalUrl).toBe('https://news.example.com/world/2025/talks');
  });

  it('resolves a relative og:url against the page URL', () => {
    // Prepare
    const head = '<meta property="og:url" content="/world/2025/talks-final">';

    // Act
    const article = extractArticle(page({ head, body: `<article>${paragraphs(STORY)}</article>` }), {
      url: URL,
    });

    // Assess
    expect(article.canonicalUrl).toBe('https://news.example.com/world/2025/talks-final');
  });
});

describe('extractArticle: language', () => {
  it('keeps the declared language when the text agrees', () => {
    // Prepare
    const html = page({ htmlAttributes: 'lang="en-GB"', body: `<article>${paragraphs(STORY)}</article>` });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.lang).toBe('en');
  });

  it('detects the language when none is declared', () => {
    // Prepare
    const german = [
      'Die Verhandlungen zwischen beiden Ländern wurden am Dienstag fortgesetzt, nachdem die Delegationen sich auf einen gemeinsamen Zeitplan geeinigt hatten.',
      'Nach Angaben der Regierung geht es vor allem um Agrarsubventionen und um die Frage, wie schnell die Zölle auf Maschinen gesenkt werden sollen.',
      'Die Wirtschaftsverbände beider Seiten drängen auf einen raschen Abschluss, weil die Unsicherheit bereits Investitionen verzögert habe.',
      'Die Gespräche sollen in der kommenden Woche in der Hauptstadt weitergehen, wo die Minister einen Vertragsentwurf prüfen werden.',
    ];
    const html = page({ htmlAttributes: '', body: `<article>${paragraphs(german)}</article>` });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.lang).toBe('de');
  });

  it('trusts the text over a template that declares the wrong language', () => {
    // Prepare
    const french = [
      'Les négociateurs des deux pays se sont retrouvés mardi pour une troisième journée de discussions sur un accord commercial attendu depuis deux ans.',
      'Selon les responsables, les derniers désaccords portent sur les subventions agricoles et sur le calendrier de baisse des droits de douane.',
      'Les organisations patronales des deux côtés réclament une conclusion rapide, car l’incertitude retarde déjà des décisions d’investissement.',
      'Les discussions doivent reprendre la semaine prochaine dans la capitale, où les ministres examineront un projet de texte.',
    ];
    const html = page({ htmlAttributes: 'lang="en"', body: `<article>${paragraphs(french)}</article>` });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.lang).toBe('fr');
  });
});

describe('extractArticle: errors', () => {
  it.each([
    { name: 'an empty page', html: '   \n', code: 'no-content' },
    { name: 'JSON', html: '{"status":"ok","items":[]}', code: 'not-html' },
    { name: 'plain text', html: 'Just a line of text without any markup at all.', code: 'not-html' },
    { name: 'a PDF', html: '%PDF-1.7\n%âãÏÓ\n1 0 obj', code: 'not-html' },
    {
      name: 'a page with nothing but a menu',
      html: page({ body: '<div><img src="a.jpg"><nav><a href="/">Home</a></nav></div>' }),
      code: 'no-content',
    },
  ])('refuses $name with code $code', ({ html, code }) => {
    // Prepare
    const input = html;

    // Act
    const act = () => extractArticle(input, { url: URL });

    // Assess
    expect(act).toThrow(ExtractionError);
    expect(act).toThrow(expect.objectContaining({ code }));
  });
});

describe('extractArticle: JSON-LD body fallback', () => {
  it('uses the JSON-LD articleBody when the markup carries no story text', () => {
    // Prepare
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      articleBody: STORY.join('\n'),
    };
    const head = `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`;
    const html = page({ head, body: '<div id="app"></div>' });

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toBe(STORY.join('\n\n'));
  });
});
