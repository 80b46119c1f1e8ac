/**
 * The messages passed between pipeline stages, with the schemas their consumers validate them by: a
 * message that fails validation is poison and goes to the dead-letter queue with the reason.
 */
// zod/mini: the same validation as zod without its method chains, a fraction of the bundle and cold start.
import * as z from 'zod/mini';

export const FeedJobSchema = z.object({
  feedId: z.string().check(z.minLength(1)),
  url: z.url({ protocol: /^https?$/ }),
});
export type FeedJob = z.infer<typeof FeedJobSchema>;

export const ArticleJobSchema = z.object({
  /** Id from the entry's canonical link; the page's rel=canonical may refine it. */
  articleId: z.string().check(z.minLength(1)),
  url: z.url({ protocol: /^https?$/ }),
  feedId: z.string().check(z.minLength(1)),
  feedUrl: z.string().check(z.minLength(1)),
  entry: z.object({
    title: z.nullable(z.string()),
    publishedAt: z.nullable(z.string()),
  }),
  /**
   * The feed's declared language (RSS `<language>`, Atom `xml:lang`, JSON Feed `language`): what
   * extraction assumes for a page that declares none. Absent from jobs queued before it existed.
   */
  feedLanguage: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
});
export type ArticleJob = z.infer<typeof ArticleJobSchema>;

/**
 * A job that can never succeed (bad input, a page that is gone): retrying it would only delay the
 * dead-letter queue, so consumers move it there at once with this reason.
 */
export class PermanentJobError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}
