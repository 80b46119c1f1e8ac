/**
 * Charset labels: takes a label as found in a header, BOM, declaration or configuration and gives the
 * canonical WHATWG encoding name that decodes it, or null when no decoder knows the label.
 */

/** Labels the WHATWG Encoding Standard lacks but feeds declare; TextDecoder has no UTF-32 at all. */
const EXTRA_LABELS: Record<string, string> = {
  'utf-32': 'utf-32le',
  'utf-32le': 'utf-32le',
  'utf-32be': 'utf-32be',
  ucs4: 'utf-32be',
  'iso-10646-ucs-4': 'utf-32be',
};

const canonicalByLabel = new Map<string, string | null>();

export function canonicalCharset(label: string): string | null {
  const key = label.trim().toLowerCase();
  const cached = canonicalByLabel.get(key);
  if (cached !== undefined) return cached;
  // Python spells labels with underscores (utf_8, iso8859_1): feeds copy them.
  let canonical: string | null = EXTRA_LABELS[key] ?? EXTRA_LABELS[key.replace(/_/g, '-')] ?? null;
  if (canonical === null && key !== '') {
    const name = decoderName(key) ?? decoderName(key.replace(/_/g, '-'));
    // 'replacement' swallows the whole input: treat such labels as unknown.
    canonical = name === 'replacement' ? null : name;
  }
  canonicalByLabel.set(key, canonical);
  return canonical;
}

function decoderName(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** The `charset` parameter of a Content-Type header value (tolerating quotes and stray spaces). */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;]+))/i.exec(contentType);
  if (match === null) return null;
  const label = match[1] ?? match[2] ?? match[3] ?? '';
  return label.trim() === '' ? null : label.trim();
}
