/**
 * The HTML spec's encoding prescan, simplified: takes page bytes and gives the charset label named by
 * the first `<meta charset>` or `<meta http-equiv="content-type" content="…charset=…">` within the
 * first 1024 bytes (comments skipped), or null. UTF-16 labels mean UTF-8 there, as the spec says.
 */
const PRESCAN_BYTES = 1024;
const META_TAG = /<meta\b([^>]*)>?/gi;
const CONTENT_CHARSET = /charset\s*=\s*["']?([^\s"';]+)/i;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function htmlMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const meta of head.matchAll(META_TAG)) {
    const attributes = new Map<string, string>();
    for (const attribute of (meta[1] ?? '').matchAll(ATTRIBUTE)) {
      const name = (attribute[1] ?? '').toLowerCase();
      if (!attributes.has(name)) attributes.set(name, attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    let label = attributes.get('charset') ?? null;
    if (label === null && attributes.get('http-equiv')?.toLowerCase() === 'content-type') {
      label = CONTENT_CHARSET.exec(attributes.get('content') ?? '')?.[1] ?? null;
    }
    if (label === null || label.trim() === '') continue;
    return /^utf-?16/i.test(label.trim()) ? 'utf-8' : label.trim();
  }
  return null;
}
