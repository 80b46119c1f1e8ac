/** UTF-32 bytes to a string (TextDecoder has no UTF-32); takes the bytes and their order, gives text with U+FFFD for invalid code points. */
export function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.byteLength; offset += 4) {
    const code = view.getUint32(offset, littleEndian);
    chunk.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    // fromCodePoint takes its arguments on the stack: flush in bounded chunks.
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (chunk.length > 0) parts.push(String.fromCodePoint(...chunk));
  if (bytes.byteLength % 4 !== 0) parts.push('\uFFFD');
  return parts.join('');
}
