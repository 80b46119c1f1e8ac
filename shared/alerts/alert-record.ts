/**
 * One alert: one article matched one rule. Recorded before it is published, and marked published
 * after, so a retry or a crash between the two never sends it twice and never loses it.
 */
export interface AlertHighlight {
  field: 'title' | 'text';
  term: string;
  start: number;
  end: number;
}

/**
 * The most highlights an alert keeps, the first in reading order: its snippet (the sentence of the
 * first, at most 320 characters) and its email's emphasis need far fewer, while a common word in a
 * very long article (thousands of matches) made an alert outgrow SNS's 256 KiB message, so its
 * record failed on every delivery.
 */
export const MAX_ALERT_HIGHLIGHTS = 100;

/** The highlights an alert keeps of a match's (at most MAX_ALERT_HIGHLIGHTS). */
export function alertHighlights(highlights: readonly AlertHighlight[]): AlertHighlight[] {
  return highlights.slice(0, MAX_ALERT_HIGHLIGHTS);
}

export interface AlertRecord {
  articleId: string;
  ruleId: string;
  ruleName: string;
  /** When the article matched; alerts for a rule are listed by it. */
  matchedAt: string;
  status: 'pending' | 'published';
  /** While a delivery attempt holds it, others wait until this instant before trying again. */
  leaseUntil: string | null;
  publishedAt: string | null;
  messageId: string | null;
  attempts: number;
  snippet: string;
  /** At most MAX_ALERT_HIGHLIGHTS, in reading order. */
  highlights: AlertHighlight[];
}
