import { describe, expect, it } from 'vitest';
import { emphasise } from '../../shared/alerts/alert-notification.ts';
import { composeDigest, digestSubject } from '../../shared/alerts/digest-email.ts';
import { anAlert, anArticle } from '../support/builders.ts';

const entry = (
  articleId: string,
  ruleId: string,
  ruleName: string,
  matchedAt: string,
  title = articleId,
) => ({
  alert: anAlert({ articleId, ruleId, ruleName, matchedAt }),
  article: anArticle({ id: articleId, title, canonicalUrl: `https://news.example/${articleId}` }),
});

describe('daily digest email', () => {
  it('groups matches by rule name, oldest match first, with title, source, pair, relation, topics, snippet and link', () => {
    // Prepare
    const entries = [
      entry('b', 'ct-dialogue', 'Counterterrorism dialogue', '2026-11-27T15:00:00.000Z'),
      entry('c', 'arms', 'Arms deals', '2026-11-27T10:00:00.000Z'),
      entry('a', 'ct-dialogue', 'Counterterrorism dialogue', '2026-11-27T09:00:00.000Z'),
    ];

    // Act
    const digest = composeDigest('analyst@example.com', '2026-11-27', entries, 'https://console.example');

    // Assess
    expect(digest).toMatchObject({ recipient: 'analyst@example.com', day: '2026-11-27', matchCount: 3 });
    const body = digest.body;
    expect(body.indexOf('== Arms deals (1) ==')).toBeLessThan(
      body.indexOf('== Counterterrorism dialogue (2) =='),
    );
    expect(body.indexOf('https://news.example/a')).toBeLessThan(body.indexOf('https://news.example/b'));
    expect(body).toContain(
      [
        '== Arms deals (1) ==',
        '',
        '1. c',
        '   news.example · published Thu 26 Nov 2026, 09:00 UTC',
        '   Country pair: PK-US',
        '   Relation: verbal cooperation',
        '   Topics: diplomacy, counterterrorism',
        `   ${emphasise(anAlert().snippet, ['counterterrorism dialogue'])}`,
        '   In the console: https://console.example/#/articles/c',
        '   Original article: https://news.example/c',
        '',
      ].join('\n'),
    );
    expect(body).toContain('resume the *counterterrorism dialogue* next month');
  });

  it('leaves the unsubscribe footer to SNS, and links only to the articles when no console is configured', () => {
    // Prepare
    const entries = [entry('a', 'ct-dialogue', 'Counterterrorism dialogue', '2026-11-27T09:00:00.000Z')];

    // Act
    const { body } = composeDigest('analyst@example.com', '2026-11-27', entries);

    // Assess
    expect(body).not.toMatch(/unsubscribe/i);
    expect(body).not.toContain('console');
    expect(body).toContain('   Original article: https://news.example/a\n');
    expect(body.endsWith('You receive this daily digest because you subscribed to wirewatch digests.')).toBe(
      true,
    );
  });

  it('says how many matches the day had in a subject SNS accepts', () => {
    // Act
    const one = digestSubject('2026-11-27', 1);
    const many = digestSubject('2026-11-27', 3);

    // Assess
    expect(one).toBe('[wirewatch] Daily digest · 2026-11-27 · 1 match');
    expect(many).toBe('[wirewatch] Daily digest · 2026-11-27 · 3 matches');
  });

  it('keeps line breaks and control characters in feed text out of the headings and lines', () => {
    // Prepare
    const hostile = entry(
      'x',
      'r1',
      'Rule\r\nBcc: victim@example.com',
      '2026-11-27T09:00:00.000Z',
      'Title\nX-Evil: 1\u0007',
    );

    // Act
    const digest = composeDigest('analyst@example.com', '2026-11-27', [hostile]);

    // Assess
    expect(digest.subject.length).toBeLessThan(100);
    const controls = (text: string) => [...text].filter((c) => c.charCodeAt(0) < 0x20 && c !== '\n');
    expect(controls(digest.subject)).toEqual([]);
    expect(digest.subject).not.toContain('\n');
    expect(digest.body).toContain('== Rule Bcc: victim@example.com (1) ==');
    expect(digest.body).toContain('1. Title X-Evil: 1\n');
    expect(controls(digest.body)).toEqual([]);
  });

  it('shows at most 25 matches per rule and says how many more there are', () => {
    // Prepare
    const entries = Array.from({ length: 30 }, (_, i) =>
      entry(
        `id-${String(i).padStart(2, '0')}`,
        'busy',
        'Busy rule',
        `2026-11-27T10:${String(i).padStart(2, '0')}:00.000Z`,
      ),
    );

    // Act
    const digest = composeDigest('analyst@example.com', '2026-11-27', entries);

    // Assess
    expect(digest.matchCount).toBe(30);
    expect(digest.body).toContain('== Busy rule (30) ==');
    expect(digest.body).toContain('https://news.example/id-24');
    expect(digest.body).not.toContain('https://news.example/id-25');
    expect(digest.body).toContain(
      '… and 5 more: npx wirewatch query --rule busy --since 2026-11-27 --until 2026-11-27',
    );
  });

  it('keeps escape sequences and bidi controls from a hostile feed out of the body', () => {
    // Prepare
    const hostile = entry(
      'x',
      'ct',
      'CT\u202E',
      '2026-11-27T09:00:00.000Z',
      'Title\u001b[2J\r\nForged\u2066',
    );

    // Act
    const { subject, body } = composeDigest('analyst@example.com', '2026-11-27', [hostile]);

    // Assess
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    expect(`${subject}${body}`).not.toMatch(unsafe);
    expect(body).toContain('1. Title [2J Forged\n');
    expect(body).toContain('== CT (1) ==');
  });
});
