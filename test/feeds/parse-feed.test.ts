import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../shared/feeds/parse-feed.ts';

const URL_OPTIONS = { url: 'https://news.example/feeds/world.xml' };
const bytes = (text: string) => new TextEncoder().encode(text);

function parseError(body: string | Uint8Array): FeedParseError {
  try {
    parseFeed(body, URL_OPTIONS);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

describe('parseFeed: RSS 2.0', () => {
  it('reads channel and item fields with the common modules', () => {
    // Prepare
    const xml = `<?xml version="1.0" encoding="utf-8"?>
      <rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/"
           xmlns:m="http://search.yahoo.com/mrss/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
        <channel>
          <title>World &amp; Co</title><link>https://news.example/</link><description>All news</description>
          <language>en-gb</language><ttl>15</ttl><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>
          <lastBuildDate>Wed, 31 Jan 2018 20:15:15 GMT</lastBuildDate>
          <item>
            <title><![CDATA[Talks in <b>Islamabad</b> &amp; Washington]]></title>
            <link>/2018/talks</link>
            <description>&lt;p&gt;Officials &amp;amp; envoys met.&lt;/p&gt;</description>
            <c:encoded><![CDATA[<p>Full <em>text</em></p>]]></c:encoded>
            <guid isPermaLink="false">tag:news.example,2018:1</guid>
            <pubDate>Wed, 31 Jan 2018 07:26:05 +0100</pubDate>
            <d:creator>Jane Roe</d:creator><author>desk@news.example (Desk)</author>
            <category>Diplomacy</category><d:subject>Pakistan</d:subject>
            <enclosure url="https://cdn.news.example/a.mp3" type="audio/mpeg" length="1234"/>
            <m:content url="https://cdn.news.example/a.jpg" type="image/jpeg"/>
            <m:thumbnail url="/thumb.jpg"/>
          </item>
        </channel>
      </rss>`;

    // Act
    const feed = parseFeed(bytes(xml), URL_OPTIONS);

    // Assess
    expect(feed).toMatchObject({
      format: 'rss',
      version: 'rss20',
      title: 'World & Co',
      link: 'https://news.example/',
      language: 'en-gb',
      updatedAt: '2018-01-31T20:15:15.000Z',
      ttlMinutes: 15,
      updatePeriodMinutes: 15,
      bozo: false,
      bozoReason: null,
    });
    expect(feed.entries).toEqual([
      {
        id: 'tag:news.example,2018:1',
        guidIsPermaLink: false,
        link: 'https://news.example/2018/talks',
        title: 'Talks in Islamabad & Washington',
        summary: '<p>Officials &amp; envoys met.</p>',
        contentHtml: '<p>Full <em>text</em></p>',
        publishedAt: '2018-01-31T06:26:05.000Z',
        updatedAt: null,
        authors: ['desk@news.example (Desk)', 'Jane Roe'],
        categories: ['Diplomacy', 'Pakistan'],
        enclosures: [
          { url: 'https://cdn.news.example/a.mp3', type: 'audio/mpeg', length: 1234 },
          { url: 'https://cdn.news.example/a.jpg', type: 'image/jpeg', length: null },
          { url: 'https://news.example/thumb.jpg', type: null, length: null },
        ],
      },
    ]);
  });

  it('falls back to a permalink guid for the link and keeps entries with repeated guids apart', () => {
    // Prepare
    const xml = `<rss version="2.0"><channel>
      <item><title>One</title><guid>https://news.example/1</guid></item>
      <item><title>Two</title><guid>https://news.example/1</guid></item>
      <item><title>Three</title><guid isPermaLink="false">https://news.example/3</guid></item>
    </channel></rss>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.entries.map((entry) => [entry.title, entry.id, entry.link, entry.guidIsPermaLink])).toEqual([
      ['One', 'https://news.example/1', 'https://news.example/1', true],
      ['Two', 'https://news.example/1', 'https://news.example/1', true],
      ['Three', 'https://news.example/3', null, false],
    ]);
  });

  it('tells RSS 0.91 Netscape from UserLand by the DOCTYPE', () => {
    // Prepare
    const netscape = `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
      <rss version="0.91"><channel><title>N</title></channel></rss>`;
    const userland = '<rss version="0.91"><channel><title>U</title></channel></rss>';

    // Act
    const versions = [parseFeed(netscape, URL_OPTIONS).version, parseFeed(userland, URL_OPTIONS).version];

    // Assess
    expect(versions).toEqual(['rss091n', 'rss091u']);
  });

  it('maps namespaces by URI, not by the prefix the feed chose', () => {
    // Prepare
    const xml = `<rss version="2.0" xmlns:x="http://purl.org/rss/1.0/modules/content/" xmlns:content="http://other.example/ns">
      <channel><item><title>t</title><x:encoded>real content</x:encoded><content:encoded>impostor</content:encoded></item></channel></rss>`;

    // Act
    const [entry] = parseFeed(xml, URL_OPTIONS).entries;

    // Assess
    expect(entry?.contentHtml).toBe('real content');
  });

  it('keeps raw HTML inside a description instead of losing the following items', () => {
    // Prepare
    const xml = `<rss version="2.0"><channel>
      <item><title>A</title><description><p>Broken<br>markup <img src="x.jpg"></p></description></item>
      <item><title>B</title></item>
    </channel></rss>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.entries.map((entry) => entry.title)).toEqual(['A', 'B']);
    expect(feed.entries[0]?.summary).toBe('<p>Broken<br>markup <img src="x.jpg"></p>');
  });
});

describe('parseFeed: attributes', () => {
  it('reads attributes as the parser would: quotes, entities, tabs, line ends, self-closing tags', () => {
    // Prepare
    const xml = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE rss [<!ENTITY cdn "https://cdn.news.example">]>',
      '<rss version="2.0"><channel><title>T</title>',
      "<item xml:base='https://news.example/a/'>",
      '<title type="text">One</title><link>b.html</link>',
      '<guid\r\n  isPermaLink = "false" >g-1</guid>',
      '<enclosure url="&cdn;/x.mp3?a=1&amp;b=2" title="a > b"\ttype=" audio/mpeg " length="12"/>',
      "<enclosure url='/y.mp3' type='audio/mpeg'/>",
      '<media:content xmlns:media="http://search.yahoo.com/mrss/" url="z.jpg" fileSize="7" />',
      '</item></channel></rss>',
    ].join('\r\n');

    // Act
    const feed = parseFeed(bytes(xml), URL_OPTIONS);

    // Assess
    expect(feed.version).toBe('rss20');
    expect(feed.entries).toMatchObject([
      {
        id: 'g-1',
        guidIsPermaLink: false,
        link: 'https://news.example/a/b.html',
        title: 'One',
        enclosures: [
          { url: 'https://cdn.news.example/x.mp3?a=1&b=2', type: 'audio/mpeg', length: 12 },
          { url: 'https://news.example/y.mp3', type: 'audio/mpeg', length: null },
          { url: 'https://news.example/a/z.jpg', type: null, length: 7 },
        ],
      },
    ]);
  });

  it('keeps every distinct category of an entry with many, in order', () => {
    // Prepare
    const names = Array.from({ length: 40 }, (_, index) => `c${index % 25}`);
    const xml = `<rss version="2.0"><channel><item><title>T</title>${names
      .map((name) => `<category>${name}</category>`)
      .join('')}</item></channel></rss>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.entries[0]?.categories).toEqual(Array.from({ length: 25 }, (_, index) => `c${index}`));
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items beside the channel, dc:date and rdf:about', () => {
    // Prepare
    const xml = `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://news.example/"><title>RDF news</title><link>https://news.example/</link><dc:language>fr</dc:language></channel>
        <item rdf:about="https://news.example/1"><title>First</title><link>https://news.example/1</link>
          <dc:date>2004-02-01T10:00:00+01:00</dc:date><dc:subject>Politics</dc:subject></item>
      </rdf:RDF>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed).toMatchObject({ format: 'rdf', version: 'rss10', title: 'RDF news', language: 'fr' });
    expect(feed.entries[0]).toMatchObject({
      id: 'https://news.example/1',
      title: 'First',
      publishedAt: '2004-02-01T09:00:00.000Z',
      categories: ['Politics'],
    });
  });

  it('accepts a prefixed RSS 1.0 namespace', () => {
    // Prepare
    const xml = `<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">
      <rss:channel><rss:title>Prefixed</rss:title></rss:channel><rss:item><rss:title>Item</rss:title></rss:item></r:RDF>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.title).toBe('Prefixed');
    expect(feed.entries.map((entry) => entry.title)).toEqual(['Item']);
  });
});

describe('parseFeed: Atom', () => {
  it('reads Atom 1.0 with xml:base, text constructs and enclosures', () => {
    // Prepare
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/base/" xml:lang="de">
      <title type="html">Heise &amp;lt;Dev&amp;gt;</title><subtitle>Sub</subtitle>
      <link rel="self" href="/feed.atom"/><link rel="alternate" type="text/html" href="home"/>
      <updated>2016-02-01T16:54:50+01:00</updated>
      <entry xml:base="/entries/">
        <id>urn:uuid:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>bold</b> title</div></title>
        <link href="one.html"/><link rel="enclosure" href="one.mp3" type="audio/mpeg" length="99"/>
        <summary type="text">Plain &amp; simple</summary>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body</p></div></content>
        <published>2016-02-01T16:22:00Z</published><updated>2016-02-01T17:00</updated>
        <author><name>Ann</name></author><category term="tech"/><category term="java"/>
      </entry>
    </feed>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed).toMatchObject({
      format: 'atom',
      version: 'atom10',
      title: 'Heise <Dev>',
      link: 'https://news.example/base/home',
      description: 'Sub',
      language: 'de',
      updatedAt: '2016-02-01T15:54:50.000Z',
    });
    expect(feed.entries[0]).toEqual({
      id: 'urn:uuid:1',
      guidIsPermaLink: false,
      link: 'https://news.example/entries/one.html',
      title: 'A bold title',
      summary: 'Plain & simple',
      contentHtml: '<p>Body</p>',
      publishedAt: '2016-02-01T16:22:00.000Z',
      updatedAt: '2016-02-01T17:00:00.000Z',
      authors: ['Ann'],
      categories: ['tech', 'java'],
      enclosures: [{ url: 'https://news.example/entries/one.mp3', type: 'audio/mpeg', length: 99 }],
    });
  });

  it('reads Atom 0.3 with escaped and base64 modes', () => {
    // Prepare
    const xml = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
      <entry><title mode="escaped" type="text/html">&lt;i&gt;Hi&lt;/i&gt;</title>
        <content mode="base64" type="text/html">PHA+SGVsbG88L3A+</content><issued>2003-12-13T18:30:02Z</issued><modified>2003-12-13T18:30:02Z</modified></entry></feed>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.version).toBe('atom03');
    expect(feed.entries[0]).toMatchObject({
      title: 'Hi',
      contentHtml: '<p>Hello</p>',
      publishedAt: '2003-12-13T18:30:02.000Z',
    });
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads JSON Feed 1.1', () => {
    // Prepare
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON news',
      home_page_url: 'https://news.example/',
      language: 'en',
      items: [
        {
          id: 7,
          url: '/7',
          title: 'Seven',
          content_html: '<p>7</p>',
          summary: 'Short',
          date_published: '2020-05-01T10:00:00-04:00',
          authors: [{ name: 'Kim' }],
          tags: ['PK', 'US'],
          attachments: [{ url: 'https://cdn.news.example/7.mp4', mime_type: 'video/mp4', size_in_bytes: 12 }],
        },
      ],
    });

    // Act
    const feed = parseFeed(bytes(json), { ...URL_OPTIONS, contentType: 'application/feed+json' });

    // Assess
    expect(feed).toMatchObject({
      format: 'json',
      version: 'json11',
      title: 'JSON news',
      language: 'en',
      bozo: false,
    });
    expect(feed.entries[0]).toEqual({
      id: '7',
      guidIsPermaLink: false,
      link: 'https://news.example/7',
      title: 'Seven',
      summary: 'Short',
      contentHtml: '<p>7</p>',
      publishedAt: '2020-05-01T14:00:00.000Z',
      updatedAt: null,
      authors: ['Kim'],
      categories: ['PK', 'US'],
      enclosures: [{ url: 'https://cdn.news.example/7.mp4', type: 'video/mp4', length: 12 }],
    });
  });

  it('rejects JSON that is not a JSON Feed', () => {
    // Prepare
    const json = '{"hello": "world"}';

    // Act
    const error = parseError(json);

    // Assess
    expect(error.code).toBe('not-a-feed');
  });
});

describe('parseFeed: bad input', () => {
  it('rejects empty bodies, HTML pages and random text with the right code', () => {
    // Prepare
    const inputs = {
      empty: ' \n ',
      html: '<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>',
      text: 'Service temporarily unavailable',
      other: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    };

    // Act
    const codes = Object.fromEntries(
      Object.entries(inputs).map(([name, body]) => [name, parseError(body).code]),
    );

    // Assess
    expect(codes).toEqual({ empty: 'empty', html: 'html-page', text: 'not-a-feed', other: 'not-a-feed' });
  });

  it('recovers a truncated document as bozo, keeping the complete entries', () => {
    // Prepare
    const xml =
      '<rss version="2.0"><channel><title>Cut</title><item><title>Whole</title></item><item><title><![CDATA[Half';

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.bozo).toBe(true);
    expect(feed.bozoReason).toMatch(/not well-formed/);
    expect(feed.entries[0]?.title).toBe('Whole');
  });

  it('reads undefined entities and unescaped ampersands leniently', () => {
    // Prepare
    const xml =
      '<rss><channel><title>Q&amp;A &hearts; R&D &bogus;</title><item><link>https://x.example/?a=1&b=2</link></item></channel></rss>';

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.title).toBe('Q&A ♥ R&D &bogus;');
    expect(feed.entries[0]?.link).toBe('https://x.example/?a=1&b=2');
  });

  it('does not blow up on a billion laughs DOCTYPE', () => {
    // Prepare
    const levels = Array.from({ length: 10 }, (_, level) =>
      level === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`,
    ).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [${levels}]><rss><channel><title>&lol9;</title></channel></rss>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.title?.length ?? 0).toBeLessThan(100);
  });

  it('never resolves external entities (XXE) but still expands short internal ones', () => {
    // Prepare
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY site "tag:news.example,">]>
      <rss version="2.0"><channel><title>a&xxe;b</title><item><guid isPermaLink="false">&site;2024:1</guid></item></channel></rss>`;

    // Act
    const feed = parseFeed(xml, URL_OPTIONS);

    // Assess
    expect(feed.title).not.toContain('root:');
    expect(feed.title).toBe('a&xxe;b');
    expect(feed.entries[0]?.id).toBe('tag:news.example,2024:1');
  });

  it('decodes invalid UTF-8 without crashing and reports it as bozo', () => {
    // Prepare
    const head = bytes('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Caf');
    const body = Uint8Array.from([...head, 0xe9, ...bytes('</title></channel></rss>')]);

    // Act
    const feed = parseFeed(body, URL_OPTIONS);

    // Assess
    expect(feed.title).toBe('Café');
    expect(feed.bozo).toBe(true);
  });

  it('flags a feed served as text/plain', () => {
    // Prepare
    const xml = bytes('<rss version="2.0"><channel><title>T</title></channel></rss>');

    // Act
    const feed = parseFeed(xml, { ...URL_OPTIONS, contentType: 'text/plain' });

    // Assess
    expect(feed.bozo).toBe(true);
    expect(feed.title).toBe('T');
  });

  it('stops at maxEntries on a 100,000-item feed', () => {
    // Prepare
    const items = Array.from(
      { length: 100_000 },
      (_, index) => `<item><title>Item ${index}</title><link>https://news.example/${index}</link></item>`,
    ).join('');
    const xml = `<rss version="2.0"><channel><title>Huge</title>${items}</channel></rss>`;

    // Act
    const feed = parseFeed(xml, { ...URL_OPTIONS, maxEntries: 50 });

    // Assess
    expect(feed.entries).toHaveLength(50);
    expect(feed.entries[49]?.title).toBe('Item 49');
    expect(feed.bozo).toBe(false);
  });
});
