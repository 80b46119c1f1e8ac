/**
 * The console's addresses: hash routes, so the static host serves one index.html for all of them and
 * an alert email can link to <consoleUrl>/#/articles/<articleId>. Filters ride in the hash's query
 * (#/inbox?pair=PK-US), so a filtered view can be bookmarked and shared.
 */

export type Route =
  | { page: 'inbox'; filters: Record<string, string> }
  | { page: 'article'; articleId: string }
  | { page: 'articles'; filters: Record<string, string> }
  | { page: 'rules' }
  | { page: 'rule'; ruleId: string | null; filters: Record<string, string> }
  | { page: 'subscriptions'; filters: Record<string, string> }
  | { page: 'trends'; filters: Record<string, string> }
  | { page: 'timeline'; pair: string; filters: Record<string, string> }
  | { page: 'ops' }
  | { page: 'not-found'; hash: string };

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const filters = Object.fromEntries(new URLSearchParams(query));
  const segments = path.split('/').filter((segment) => segment !== '');
  const [first, second, ...rest] = segments;
  const id = second === undefined || rest.length > 0 ? null : decoded(second);
  switch (first) {
    case undefined:
    case 'inbox':
      if (second === undefined) return { page: 'inbox', filters };
      break;
    case 'articles':
      if (second === undefined) return { page: 'articles', filters };
      if (id !== null) return { page: 'article', articleId: id };
      break;
    case 'rules':
      if (second === undefined) return { page: 'rules' };
      if (second === 'new' && rest.length === 0) return { page: 'rule', ruleId: null, filters };
      if (id !== null) return { page: 'rule', ruleId: id, filters };
      break;
    case 'subscriptions':
      if (second === undefined) return { page: 'subscriptions', filters };
      break;
    case 'trends':
      if (second === undefined) return { page: 'trends', filters };
      if (id !== null) return { page: 'timeline', pair: id, filters };
      break;
    case 'ops':
      if (second === undefined) return { page: 'ops' };
      break;
  }
  return { page: 'not-found', hash };
}

/** The hash of a page, with its filters (empty ones left out). */
export function routeHash(path: string, filters: Record<string, string | undefined> = {}): string {
  const entries = Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return entries.length === 0 ? `#${path}` : `#${path}?${new URLSearchParams(entries)}`;
}

export const articleHash = (articleId: string) => `#/articles/${encodeURIComponent(articleId)}`;
