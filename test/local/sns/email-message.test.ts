import { describe, expect, it } from 'vitest';
import {
  type EmailMessage,
  encodeHeaderText,
  encodeQuotedPrintable,
  renderEmail,
} from '../../../local/sns/email-message.ts';
import { decodeEncodedWords, decodeQuotedPrintable, readEml } from './eml-reader.ts';

const email: EmailMessage = {
  from: 'AWS Notifications <no-reply@sns.amazonaws.com>',
  to: 'analyst@example.com',
  subject: 'PK-US: counterterrorism dialogue',
  date: new Date('2026-11-27T07:29:13.000Z'),
  messageId: 'message-1@sns.local',
  extraHeaders: [['X-Amz-Sns-Message-Id', 'message-1']],
  body: 'Talks resume.\n',
};

describe('renderEmail', () => {
  it('writes the headers, a blank line, then the encoded body, all with CRLF', () => {
    // Prepare
    const message = email;

    // Act
    const text = renderEmail(message);

    // Assess
    expect(text).toBe(
      [
        'From: AWS Notifications <no-reply@sns.amazonaws.com>',
        'To: analyst@example.com',
        'Subject: PK-US: counterterrorism dialogue',
        'Date: Fri, 27 Nov 2026 07:29:13 +0000',
        'Message-ID: <message-1@sns.local>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: quoted-printable',
        'X-Amz-Sns-Message-Id: message-1',
        '',
        'Talks resume.',
        '',
      ].join('\r\n'),
    );
  });

  it('cannot be made to grow headers through the subject or the body', () => {
    // Prepare
    const hostile = {
      ...email,
      subject: 'Alert\r\nBcc: spy@example.com',
      body: 'Line one\r\n\r\nBcc: spy@example.com\n.\nFrom: boss@example.com',
    };

    // Act
    const read = readEml(renderEmail(hostile));

    // Assess
    expect(read.headerLines.map((line) => line.split(':')[0])).toEqual([
      'From',
      'To',
      'Subject',
      'Date',
      'Message-ID',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
      'X-Amz-Sns-Message-Id',
    ]);
    expect(read.headers.get('subject')).toBe(hostile.subject);
    expect(read.body).toBe('Line one\n\nBcc: spy@example.com\n.\nFrom: boss@example.com\n');
  });

  it('refuses header values that are not printable ASCII', () => {
    // Prepare
    const hostile = { ...email, to: 'analyst@example.com\r\nBcc: spy@example.com' };

    // Act
    const render = () => renderEmail(hostile);

    // Assess
    expect(render).toThrow('Email header To must be printable ASCII');
  });
});

describe('encodeHeaderText', () => {
  it('keeps printable ASCII as it is', () => {
    // Prepare
    const subject = 'PK-US: counterterrorism dialogue';

    // Act
    const encoded = encodeHeaderText(subject);

    // Assess
    expect(encoded).toBe(subject);
  });

  it('splits other text into UTF-8 encoded words of at most 75 characters, keeping characters whole', () => {
    // Prepare
    const subject = '🤝'.repeat(30);

    // Act
    const encoded = encodeHeaderText(subject);

    // Assess
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    expect(words.every((word) => /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/.test(word) && word.length <= 75)).toBe(
      true,
    );
    expect(words.every((word) => decodeEncodedWords(word).match(/^(🤝)+$/))).toBe(true);
    expect(decodeEncodedWords(encoded)).toBe(subject);
  });

  it('encodes ASCII text that looks like an encoded word', () => {
    // Prepare
    const subject = '=?UTF-8?B?Ym9ndXM=?=';

    // Act
    const encoded = encodeHeaderText(subject);

    // Assess
    expect(decodeEncodedWords(encoded)).toBe(subject);
  });
});

describe('encodeQuotedPrintable', () => {
  it('escapes =, non-ASCII bytes and trailing whitespace, and wraps lines at 76 characters', () => {
    // Prepare
    const text = `a=b ü \n${'long line '.repeat(20)}\t`;

    // Act
    const encoded = encodeQuotedPrintable(text);

    // Assess
    const [firstLine] = encoded.split('\r\n');
    expect(firstLine).toBe('a=3Db =C3=BC=20');
    expect(encoded.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(encoded.endsWith('=09')).toBe(true);
    expect(decodeQuotedPrintable(encoded)).toBe(text);
  });
});
