import { describe, expect, it } from 'vitest';
import { isBoilerplateLine } from '../../shared/extraction/boilerplate-paragraphs.ts';
import { isBylineLine } from '../../shared/extraction/byline-line.ts';
import { chooseCanonicalUrl, siteOf } from '../../shared/extraction/canonical-link.ts';
import { toIsoUtc } from '../../shared/extraction/published-date.ts';

describe('toIsoUtc', () => {
  it.each([
    { value: '2019-11-19T08:02:00-05:00', iso: '2019-11-19T13:02:00.000Z' },
    { value: '2019-11-19', iso: '2019-11-19T00:00:00.000Z' },
    { value: '2019-11-19 08:02', iso: '2019-11-19T08:02:00.000Z' },
    { value: 'Tue, 19 Nov 2019 13:02:00 GMT', iso: '2019-11-19T13:02:00.000Z' },
    { value: '1574168520', iso: '2019-11-19T13:02:00.000Z' },
  ])('reads $value as $iso', ({ value, iso }) => {
    // Prepare
    const input = value;

    // Act
    const result = toIsoUtc(input);

    // Assess
    expect(result).toBe(iso);
  });

  it('refuses what is not a plausible publication date', () => {
    // Prepare
    const values = ['yesterday', '0000-00-00', '1970-01-01T00:00:00Z'];

    // Act
    const results = values.map(toIsoUtc);

    // Assess
    expect(results).toEqual([null, null, null]);
  });
});

describe('siteOf and chooseCanonicalUrl', () => {
  it('treats subdomains of one registrable domain as one site, country second levels included', () => {
    // Prepare
    const hosts = ['www.bbc.co.uk', 'news.bbc.co.uk', 'amp.example.com'];

    // Act
    const sites = hosts.map(siteOf);

    // Assess
    expect(sites).toEqual(['bbc.co.uk', 'bbc.co.uk', 'example.com']);
  });

  it('takes a page file’s own http(s) claim, and keeps a file URL when there is none', () => {
    // Prepare
    const fileUrl = 'file:///tmp/page.html';

    // Act
    const claimed = chooseCanonicalUrl(fileUrl, ['mailto:x@example.com', 'https://Example.com/a?fbclid=1']);
    const unclaimed = chooseCanonicalUrl(fileUrl, []);

    // Assess
    expect(claimed).toBe('https://example.com/a');
    expect(unclaimed).toBe(fileUrl);
  });
});

describe('isBoilerplateLine', () => {
  it.each([
    'Advertisement',
    'READ MORE: China plague outbreak confirmed',
    'Related: Possible Water Plumes on Europa',
    'Photo: David Zalubowski / Associated Press',
    '© 2019 Example Media. All rights reserved.',
    'This website uses cookies to improve your experience.',
    'Nov. 20, 2019, 9:28 AM UTC',
    'Published November 20th, 2019 - 07:50 GMT',
    'Updated: Tuesday 15:23',
  ])('drops "%s"', (line) => {
    // Prepare
    const input = line;

    // Act
    const result = isBoilerplateLine(input);

    // Assess
    expect(result).toBe(true);
  });

  it('keeps prose that merely mentions those words', () => {
    // Prepare
    const lines = [
      'Advertisement revenue fell by a third, the company said.',
      'Readers who subscribe to the print edition will notice the change.',
      'The vote is on November 20.',
      'May 2019: talks resume',
    ];

    // Act
    const results = lines.map(isBoilerplateLine);

    // Assess
    expect(results).toEqual([false, false, false, false]);
  });
});

describe('isBylineLine', () => {
  it.each([
    ['By', null],
    ['Reuters', 'Reuters'],
    ['By Jane Doe and John Roe', 'Jane Doe, John Roe'],
    ['JOHN ROE', 'Jane Doe, John Roe'],
  ])('drops "%s" when the byline is %s', (line, byline) => {
    // Prepare
    const input = { line, byline };

    // Act
    const result = isBylineLine(input.line, input.byline);

    // Assess
    expect(result).toBe(true);
  });

  it('keeps lines that only mention an author, and names when the page has no byline', () => {
    // Prepare
    const lines: [string, string | null][] = [
      ['Jane Doe contributed reporting from Geneva.', 'Jane Doe'],
      ['Bystanders filmed the arrest.', null],
      ['Reuters', null],
    ];

    // Act
    const results = lines.map(([line, byline]) => isBylineLine(line, byline));

    // Assess
    expect(results).toEqual([false, false, false]);
  });
});
