import { describe, expect, it } from 'vitest';
import { decodeText, decodeTextWithReport } from '../../shared/text/decode-text.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const withBom = (bom: number[], body: Uint8Array) => Uint8Array.from([...bom, ...body]);

describe('decodeText', () => {
  it('prefers the per-feed override over the Content-Type header', () => {
    // Prepare
    const bytes = latin1('<?xml version="1.0" encoding="utf-8"?><t>caf\xe9</t>');

    // Act
    const decoded = decodeText(bytes, {
      kind: 'xml',
      override: 'iso-8859-1',
      contentType: 'text/xml; charset=utf-8',
    });

    // Assess
    expect(decoded).toEqual({
      text: '<?xml version="1.0" encoding="utf-8"?><t>café</t>',
      charset: 'windows-1252',
    });
  });

  it('prefers the Content-Type charset over a BOM', () => {
    // Prepare
    const bytes = withBom([0xef, 0xbb, 0xbf], latin1('<t>\xe9</t>'));

    // Act
    const decoded = decodeText(bytes, {
      kind: 'xml',
      contentType: 'application/rss+xml; charset="ISO-8859-1"',
    });

    // Assess
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.text).toBe('ï»¿<t>é</t>');
  });

  it('prefers a BOM over the XML declaration', () => {
    // Prepare
    const bytes = withBom([0xef, 0xbb, 0xbf], utf8('<?xml version="1.0" encoding="iso-8859-1"?><t>é</t>'));

    // Act
    const decoded = decodeText(bytes, { kind: 'xml' });

    // Assess
    expect(decoded).toEqual({
      text: '<?xml version="1.0" encoding="iso-8859-1"?><t>é</t>',
      charset: 'utf-8',
    });
  });

  it('reads the XML declaration when nothing stronger is given', () => {
    // Prepare
    const bytes = Uint8Array.from([
      ...utf8('<?xml version="1.0" encoding="koi8-r"?><t>'),
      0xd0,
      0xd2,
      ...utf8('</t>'),
    ]);

    // Act
    const decoded = decodeText(bytes, { kind: 'xml' });

    // Assess
    expect(decoded).toEqual({ text: '<?xml version="1.0" encoding="koi8-r"?><t>пр</t>', charset: 'koi8-r' });
  });

  it('reads <meta charset> and http-equiv in the first 1024 bytes of HTML', () => {
    // Prepare
    const metaCharset = latin1('<html><head><meta charset="windows-1252"><title>\x93hi\x94</title>');
    const httpEquiv = latin1(
      '<!-- <meta charset="koi8-r"> --><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>\xb1</p>',
    );
    const tooLate = latin1(`<html>${' '.repeat(1100)}<meta charset="koi8-r"><p>é</p>`);

    // Act
    const first = decodeText(metaCharset, { kind: 'html' });
    const second = decodeText(httpEquiv, { kind: 'html' });
    const third = decodeText(tooLate, { kind: 'html' });

    // Assess
    expect(first.text).toContain('“hi”');
    expect(second).toMatchObject({ charset: 'iso-8859-2' });
    expect(second.text).toContain('<p>ą</p>');
    expect(third.charset).toBe('windows-1252');
  });

  it('defaults to UTF-8 and falls back to windows-1252 when the bytes are not UTF-8', () => {
    // Prepare
    const valid = utf8('<t>naïve — ok</t>');
    const invalid = latin1('<t>na\xefve \x97 ok</t>');

    // Act
    const fromValid = decodeTextWithReport(valid, { kind: 'xml' });
    const fromInvalid = decodeTextWithReport(invalid, { kind: 'xml' });

    // Assess
    expect(fromValid).toMatchObject({
      charset: 'utf-8',
      text: '<t>naïve — ok</t>',
      problem: null,
      source: 'default',
    });
    expect(fromInvalid).toMatchObject({
      charset: 'windows-1252',
      text: '<t>naïve — ok</t>',
      source: 'default',
    });
    expect(fromInvalid.problem).toMatch(/not utf-8/);
  });

  it('reads C1 controls in valid UTF-8 as the windows-1252 punctuation they stand for', () => {
    // Prepare
    const mangled = utf8('<t>don\u0092t \u0093quote\u0094 caf\u00e9 \u00a0</t>');
    const clean = utf8('<t>don\u2019t caf\u00e9 \u00a0 \u0100</t>');

    // Act
    const decoded = [decodeText(mangled, { kind: 'xml' }), decodeText(clean, { kind: 'xml' })];

    // Assess
    expect(decoded[0]).toEqual({
      text: '<t>don\u2019t \u201cquote\u201d caf\u00e9 \u00a0</t>',
      charset: 'utf-8',
    });
    expect(decoded[1]).toEqual({ text: '<t>don\u2019t caf\u00e9 \u00a0 \u0100</t>', charset: 'utf-8' });
  });

  it('keeps UTF-8 with a replacement character when one byte is broken among valid characters', () => {
    // Prepare
    const bytes = Uint8Array.from([...utf8('<t>日本語'), 0xff, ...utf8('</t>')]);

    // Act
    const decoded = decodeTextWithReport(bytes, { kind: 'xml' });

    // Assess
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toBe('<t>日本語\uFFFD</t>');
    expect(decoded.problem).toMatch(/invalid utf-8/);
  });

  it('skips unknown labels and a UTF-16 declaration over ASCII bytes', () => {
    // Prepare
    const bogusHeader = utf8('<?xml version="1.0" encoding="utf-16"?><t>é</t>');

    // Act
    const decoded = decodeTextWithReport(bogusHeader, {
      kind: 'xml',
      contentType: 'text/xml; charset=bogus',
    });

    // Assess
    expect(decoded).toMatchObject({
      charset: 'utf-8',
      text: '<?xml version="1.0" encoding="utf-16"?><t>é</t>',
    });
    expect(decoded.problem).toMatch(/unknown charset "bogus"/);
  });

  it('detects UTF-16 and UTF-32 with and without a BOM', () => {
    // Prepare
    const text = '<?xml version="1.0" encoding="utf-16"?><t>ü</t>';
    const utf16le = Uint8Array.from(Buffer.from(text, 'utf16le'));
    const utf16be = Uint8Array.from(Buffer.from(text, 'utf16le').swap16());
    const utf32be = new Uint8Array(text.length * 4);
    for (let index = 0; index < text.length; index++) {
      new DataView(utf32be.buffer).setUint32(index * 4, text.charCodeAt(index), false);
    }

    // Act
    const decoded = [
      decodeText(utf16le, { kind: 'xml' }),
      decodeText(withBom([0xfe, 0xff], utf16be), { kind: 'xml' }),
      decodeText(utf32be, { kind: 'xml' }),
    ];

    // Assess
    expect(decoded.map((result) => result.charset)).toEqual(['utf-16le', 'utf-16be', 'utf-32be']);
    for (const result of decoded) expect(result.text).toBe(text);
  });

  it('decodes JSON as UTF-8 and ignores declarations it cannot have', () => {
    // Prepare
    const bytes = withBom([0xef, 0xbb, 0xbf], utf8('{"title":"Zürich"}'));

    // Act
    const decoded = decodeText(bytes, { kind: 'json' });

    // Assess
    expect(decoded).toEqual({ text: '{"title":"Zürich"}', charset: 'utf-8' });
  });
});
