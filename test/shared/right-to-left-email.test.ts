/**
 * Right-to-left titles, snippets and names in alert and digest emails: the source's bidi controls go,
 * and wirewatch's own marks (FSI … PDI around a value inside an English line, RLM opening a line that
 * is mostly right-to-left) make them read in order. English text gets no mark.
 */
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../local/sns/email-message.ts';
import { alertSubject, composeAlert } from '../../shared/alerts/alert-notification.ts';
import { composeDigest } from '../../shared/alerts/digest-email.ts';
import { bidiIsolate, bidiLine, withoutOwnDirectionMarks } from '../../shared/alerts/email-text.ts';
import { anAlert, anArticle } from '../support/builders.ts';

const FSI = '\u2068';
const PDI = '\u2069';
const RLM = '\u200f';
const LRM = '\u200e';

const URDU_TITLE = 'پاکستان اور امریکہ کے درمیان انسداد دہشت گردی مذاکرات';
const URDU_SNIPPET = 'پاکستان اور امریکہ کے درمیان انسداد دہشت گردی مذاکرات جون میں ہوں گے۔';
const URDU_RULE = 'پاک امریکہ مذاکرات';

function urduAlert() {
  const article = anArticle({
    title: URDU_TITLE,
    lang: 'ur',
    byline: 'عائشہ خان',
    countryPairs: [
      { pair: 'PK-US', score: 0.9, relation: { type: 'verbal-cooperation', evidence: URDU_SNIPPET } },
    ],
  });
  const alert = anAlert({
    ruleId: 'pk-us-talks-ur',
    ruleName: URDU_RULE,
    snippet: URDU_SNIPPET,
    highlights: [{ field: 'text', term: 'مذاکرات', start: 49, end: 56 }],
  });
  return { article, alert };
}

describe('bidi marks of our own', () => {
  it.each([
    ['English', 'Pakistan and US agree', 'Pakistan and US agree'],
    ['Urdu', URDU_TITLE, `${FSI}${URDU_TITLE}${PDI}`],
    ['Hebrew', 'שיחות בירושלים', `${FSI}שיחות בירושלים${PDI}`],
  ])('isolate a value holding right-to-left letters only: %s', (_, value, expected) => {
    // Act
    const isolated = bidiIsolate(value);

    // Assess
    expect(isolated).toBe(expected);
  });

  it.each([
    ['English', 'Talks resume in Islamabad', '  Talks resume in Islamabad'],
    ['Urdu opening with a Latin name', `G20 ${URDU_TITLE}`, `  ${RLM}G20 ${URDU_TITLE}`],
    [
      'English opening with an Arabic name',
      'الرياض hosts Gulf security talks with Washington',
      `  ${LRM}الرياض hosts Gulf security talks with Washington`,
    ],
  ])('lay a line out in the direction of most of its letters: %s', (_, value, expected) => {
    // Act
    const line = bidiLine(value, '  ');

    // Assess
    expect(line).toBe(expected);
  });
});

describe('an alert on an Urdu article', () => {
  it('reads right to left where it is Urdu and keeps the English lines around it in order', () => {
    // Prepare
    const { article, alert } = urduAlert();

    // Act
    const { email } = composeAlert(article, alert);

    // Assess
    const lines = email.split('\n');
    expect(lines[0]).toBe(`Rule "${FSI}${URDU_RULE}${PDI}" matched:`);
    expect(lines[2]).toBe(`  ${RLM}${URDU_SNIPPET.replace('مذاکرات', '*مذاکرات*')}`);
    expect(lines[4]).toBe(`${RLM}${URDU_TITLE}`);
    expect(lines[5]).toBe(`news.example · by ${FSI}عائشہ خان${PDI} · published Thu 26 Nov 2026, 09:00 UTC`);
    expect(lines).toContain(`    “${FSI}${URDU_SNIPPET}${PDI}”`);
  });

  it('drops bidi controls from the source and leaves only balanced isolates of its own', () => {
    // Prepare: an override in the title would show "exe.pdf" as "fdp.exe".
    const { article, alert } = urduAlert();
    const hostile = { ...article, title: `${URDU_TITLE} \u202Efdp.exe\u2066`, byline: '\u2067عائشہ خان' };

    // Act
    const { email, subject } = composeAlert(hostile, alert);

    // Assess
    for (const text of [email, subject]) {
      expect(text).not.toMatch(/[\u061c\u202a-\u202e\u2066\u2067]/);
      expect(text.split(FSI).length).toBe(text.split(PDI).length);
    }
    expect(email).toContain(`${RLM}${URDU_TITLE} fdp.exe\n`);
  });

  it('gives a subject SNS accepts, in order, that the mail header carries RFC 2047-encoded', () => {
    // Prepare
    const { article, alert } = urduAlert();

    // Act
    const subject = alertSubject(alert.ruleName, article.primaryPair, article.title);
    const message = renderEmail({
      from: 'wirewatch@example.com',
      to: 'analyst@example.com',
      subject,
      date: new Date('2026-11-26T09:06:00Z'),
      messageId: '1@example.com',
      extraHeaders: [],
      body: 'x',
    });

    // Assess
    expect(subject).toBe(`[wirewatch] ${FSI}${URDU_RULE}${PDI} · PK-US · ${FSI}${URDU_TITLE}${PDI}`);
    expect([...subject].length).toBeLessThan(100);
    expect(subject).not.toMatch(/\p{Cc}/u);
    const header = /^Subject: (.*(?:\r\n .*)*)$/m.exec(message)?.[1] ?? '';
    expect(header).toMatch(/^[\x20-\x7e\r\n]+$/);
    const decoded = [...header.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)]
      .map((word) => Buffer.from(word[1] ?? '', 'base64'))
      .reduce((all, bytes) => Buffer.concat([all, bytes]), Buffer.alloc(0))
      .toString('utf8');
    expect(decoded).toBe(subject);
  });

  it('closes an isolate that cutting a long subject leaves open', () => {
    // Prepare
    const longTitle = `${URDU_TITLE} ${URDU_TITLE}`;

    // Act
    const subject = alertSubject(URDU_RULE, 'PK-US', longTitle);

    // Assess
    expect([...subject].length).toBeLessThanOrEqual(99);
    expect(subject.endsWith(`…${PDI}`)).toBe(true);
    expect(subject.split(FSI).length).toBe(subject.split(PDI).length);
  });
});

describe('a digest with an Urdu entry', () => {
  it('isolates the title in its numbered line and lays the snippet out right to left', () => {
    // Prepare
    const { article, alert } = urduAlert();

    // Act
    const { body } = composeDigest('analyst@example.com', '2026-11-26', [{ article, alert }]);

    // Assess
    expect(body).toContain(`== ${FSI}${URDU_RULE}${PDI} (1) ==`);
    expect(body).toContain(`\n1. ${FSI}${URDU_TITLE}${PDI}\n`);
    expect(body).toContain(`\n   ${RLM}${URDU_SNIPPET.replace('مذاکرات', '*مذاکرات*')}\n`);
  });
});

describe('an email printed on a terminal', () => {
  it('goes without the marks wirewatch added, which terminals would show as escapes', () => {
    // Prepare
    const { article, alert } = urduAlert();
    const { email } = composeAlert(article, alert);

    // Act
    const printed = withoutOwnDirectionMarks(email);

    // Assess
    expect(printed).not.toMatch(/[\u200e\u200f\u2068\u2069]/);
    expect(printed.split('\n')[0]).toBe(`Rule "${URDU_RULE}" matched:`);
  });
});
