import { describe, expect, it } from 'vitest';
import { alertSubject, composeAlert } from '../../shared/alerts/alert-notification.ts';
import { toHeaderSafe } from '../../shared/alerts/email-text.ts';
import { anAlert, anArticle } from '../support/builders.ts';

describe('alert notifications', () => {
  it('writes an email a person wants to read: what matched, the article, its labels, the link, how to stop', () => {
    // Prepare
    const article = anArticle();

    // Act
    const { email, subject } = composeAlert(article, anAlert());

    // Assess
    expect(subject).toBe(
      '[wirewatch] Counterterrorism dialogue · PK-US · Pakistan and US agree to deepen ties',
    );
    expect(email).toContain('resume the *counterterrorism dialogue* next month');
    expect(email).toContain('Pakistan and US agree to deepen ties');
    expect(email).toContain('news.example · published 2026-11-26T09:00:00.000Z');
    expect(email).toContain('Country pair: PK-US');
    expect(email).toContain(
      'Relations:\n  PK-US: verbal cooperation\n    “Pakistan and the US agreed to resume the counterterrorism dialogue.”',
    );
    expect(email).toContain('Topics: diplomacy, counterterrorism');
    expect(email).toContain('Read it: https://news.example/pk-us');
    expect(email).toContain('wirewatch unsubscribe');
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
