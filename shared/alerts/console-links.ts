/**
 * Links from emails into the analyst console, whose pages are hash routes of its one origin:
 * `<consoleUrl>/#/articles/<articleId>`. The console URL is configuration (the stack's output on AWS,
 * the local console server's origin locally); without one, emails link to the article's own page.
 */

/** The console page showing the article, its text and the evidence for each label. */
export function articlePageUrl(consoleUrl: string, articleId: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/#/articles/${encodeURIComponent(articleId)}`;
}
