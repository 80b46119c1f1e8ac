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
  highlights: AlertHighlight[];
}
