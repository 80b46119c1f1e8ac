/**
 * windows-1252 bytes to a string. Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1
 * (0x80–0x9F come out as C1 controls instead of € ‘ ’ “ ” — …), so decode those 32 bytes here.
 */
const C1_TO_WINDOWS_1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.replace(/[\x80-\x9f]/g, (c1) => C1_TO_WINDOWS_1252[c1.charCodeAt(0) - 0x80] ?? c1);
}
