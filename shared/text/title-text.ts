/**
 * A title as wirewatch stores and sends it: feed and page titles are untrusted, and a publisher can
 * put NUL bytes, line breaks or megabytes in one. Controls are meaningless in a title, so they go
 * (line breaks and tabs become spaces); and a title is cut to a length no headline needs, so that an
 * article job stays far below SQS's 256 KB and an Article item below DynamoDB's 400 KB.
 */

/** Far above any real headline (the longest in the news corpora is a few hundred characters). */
export const MAX_TITLE_CHARACTERS = 1000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

export function boundedTitle(title: string): string {
  const clean = title.replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
  // A code point takes at most two UTF-16 units: this many units hold more than the limit, or all of it.
  const characters = [...clean.slice(0, 2 * MAX_TITLE_CHARACTERS + 2)];
  if (characters.length <= MAX_TITLE_CHARACTERS) return clean;
  return `${characters
    .slice(0, MAX_TITLE_CHARACTERS - 1)
    .join('')
    .trimEnd()}…`;
}
