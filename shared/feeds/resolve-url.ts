/** Resolving feed links: takes an href and the base in force (xml:base chain, feed URL); gives an absolute URL, or the href as given when it cannot be resolved. */
export function resolveUrl(href: string | null, base: string | null): string | null {
  if (href === null) return null;
  const trimmed = href.trim();
  if (trimmed === '') return null;
  try {
    return new URL(trimmed, base ?? undefined).href;
  } catch {
    return trimmed;
  }
}

/** The base for an element carrying `xml:base`, relative to the base around it. */
export function withBase(xmlBase: string | null, outer: string | null): string | null {
  return xmlBase === null ? outer : resolveUrl(xmlBase, outer);
}
