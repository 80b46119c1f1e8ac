import { describe, expect, it } from 'vitest';
import { alertSubject, composeAlert, emphasise } from '../../shared/alerts/alert-notification.ts';
import { toHeaderSafe } from '../../shared/alerts/email-text.ts';
import { anAlert, anArticle } from '../support/builders.ts';

describe('alert notifications', () => {
  it('writes an email a person wants to read: what matched, the article, who wrote it and when, its labels, the links', () => {
    // Prepare
    const article = anArticle({ byline: 'Jane Doe and Omar Khan' });

    // Act
    const { email, subject } = composeAlert(article, anAlert(), { consoleUrl: 'https://console.example' });

    // Assess
    expect(subject).toBe(
      '[wirewatch] Counterterrorism dialogue · PK-US · Pakistan and US agree to deepen ties',
    );
    expect(email).toBe(
      [
        'Rule "Counterterrorism dialogue" matched:',
        '',
        `  ${emphasise(anAlert().snippet, ['counterterrorism dialogue'])}`,
        '',
        'Pakistan and US agree to deepen ties',
        'news.example · by Jane Doe and Omar Khan · published Thu 26 Nov 2026, 09:00 UTC',
        'Country pair: PK-US',
        'Relations:',
        '  PK-US: verbal cooperation',
        '    “Pakistan and the US agreed to resume the counterterrorism dialogue.”',
        'Topics: diplomacy, counterterrorism',
        '',
        'Open it in the console: https://console.example/#/articles/article-1',
        'Original article: https://news.example/pk-us',
        '',
        '--',
        'You receive this because you subscribed to wirewatch alerts for rule "ct-dialogue".',
      ].join('\n'),
    );
    expect(email).toContain('resume the *counterterrorism dialogue* next month');
  });

  it('leaves the unsubscribe footer to SNS, which adds one with a working link to every email', () => {
    // Act
    const { email } = composeAlert(anArticle(), anAlert(), { consoleUrl: 'https://console.example' });

    // Assess
    expect(email).not.toMatch(/unsubscribe|stop (them|receiving)/i);
  });

  it('links only to the article itself when no console is configured, and leaves out what the feed did not give', () => {
    // Prepare
    const article = anArticle({ byline: null, publishedAt: null });

    // Act
    const { email } = composeAlert(article, anAlert());

    // Assess
    expect(email).toContain('\nPakistan and US agree to deepen ties\nnews.example\nCountry pair: PK-US\n');
    expect(email).not.toContain('console');
    expect(email).toContain('Original article: https://news.example/pk-us');
  });

  it('links to the article page of the one console origin, with an id safe in a URL', () => {
    // Prepare
    const article = anArticle({ id: 'a/b c#1' });

    // Act
    const { email } = composeAlert(article, anAlert(), { consoleUrl: 'https://console.example/' });

    // Assess
    expect(email).toContain('Open it in the console: https://console.example/#/articles/a%2Fb%20c%231\n');
  });

  it('keeps a hostile byline on one line and short', () => {
    // Prepare
    const article = anArticle({ byline: `Jane\r\nBcc: victim@example.com ${'and others '.repeat(30)}` });

    // Act
    const { email } = composeAlert(article, anAlert());

    // Assess
    const provenance = email.split('\n').find((line) => line.startsWith('news.example · by Jane'));
    expect(provenance).toBeDefined();
    expect(provenance).toContain('by Jane Bcc: victim@example.com and others');
    expect(email).not.toMatch(/^Bcc:/m);
    expect([...(provenance ?? '')].length).toBeLessThan(200);
  });

  it('keeps subjects under 100 characters and free of anything that could start a new header', () => {
    // Prepare
    const hostile = `Breaking\r\nBcc: victim@example.com\u0000 ${'very long title '.repeat(12)}`;

    // Act
    const subject = alertSubject('Rule\nX', 'PK-US', hostile);

    // Assess
    expect([...subject].length).toBeLessThan(100);
    expect(['\r', '\n', '\u0000'].filter((c) => subject.includes(c))).toEqual([]);
    expect(subject).toContain('Breaking Bcc: victim@example.com');
    expect(subject.endsWith('…')).toBe(true);
  });

  it('removes control characters and Unicode line separators', () => {
    // Assess
    expect(toHeaderSafe('a\u2028b\u0085c\td')).toBe('a b c d');
  });

  it('keeps escape sequences and bidi controls from a hostile feed out of the subject and the body', () => {
    // Prepare
    const article = anArticle({
      title: 'Talks\u001b]0;owned\u0007 resume\r\nBcc: victim@example.com \u202Efdp.exe',
      source: 'news\u009b2J.example',
    });
    const alert = anAlert({
      ruleName: 'CT\u202E dialogue',
      snippet: 'the counterterrorism dialogue\u001b[2J\nForged: line',
    });

    // Act
    const { subject, email } = composeAlert(article, alert);

    // Assess
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    expect(subject).not.toMatch(unsafe);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(email).not.toMatch(unsafe);
    expect(email).toContain('\nTalks ]0;owned resume Bcc: victim@example.com fdp.exe\n');
    expect(email).toContain('*counterterrorism dialogue* [2J Forged: line');
    expect(email).not.toMatch(/^Bcc:/m);
    expect(email).not.toMatch(/^Forged:/m);
  });

  it('gives machines a versioned document and filter policies the attributes they select on', () => {
    // Act
    const { message, attributes } = composeAlert(anArticle(), anAlert());

    // Assess
    expect(message).toMatchObject({
      schemaVersion: 1,
      schemaMinorVersion: 1,
      type: 'wirewatch.alert',
      alertId: 'article-1:ct-dialogue',
      rule: { id: 'ct-dialogue', name: 'Counterterrorism dialogue' },
      article: {
        id: 'article-1',
        primaryPair: 'PK-US',
        countryPairs: ['PK-US'],
        relations: [
          {
            pair: 'PK-US',
            type: 'verbal-cooperation',
            evidence: 'Pakistan and the US agreed to resume the counterterrorism dialogue.',
          },
        ],
      },
    });
    expect(attributes).toEqual({
      rule: 'ct-dialogue',
      countryPairs: ['PK-US'],
      countries: ['PK', 'US'],
      topics: ['diplomacy', 'counterterrorism'],
      source: 'news.example',
      relation: 'verbal-cooperation',
    });
  });

  it('says so when an article has no pair or topic', () => {
    // Act
    const { email, subject } = composeAlert(
      anArticle({ primaryPair: null, countryPairs: [], topics: [] }),
      anAlert(),
    );

    // Assess
    expect(subject).toBe('[wirewatch] Counterterrorism dialogue · Pakistan and US agree to deepen ties');
    expect(email).toContain('Country pair: none');
    expect(email).toContain('Topics: none');
  });

  it('leaves out relations an article catalogued before schema 1.1 does not have', () => {
    // Prepare
    const older = anArticle({ countryPairs: [{ pair: 'PK-US', score: 0.9 }] });

    // Act
    const { email, message, attributes } = composeAlert(older, anAlert());

    // Assess
    expect(email).not.toContain('Relations:');
    expect(message.article.relations).toEqual([]);
    expect(attributes.relation).toBeNull();
  });
});
