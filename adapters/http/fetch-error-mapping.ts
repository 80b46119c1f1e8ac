/**
 * Turns the errors node:http, node:net and node:tls throw into FetchError codes, with a message that
 * names the URL and says what went wrong in words an operator can act on.
 */

import { FetchError } from '../../shared/ports/http-client.ts';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);

export function toFetchError(error: unknown, url: string): FetchError {
  if (error instanceof FetchError) return error;
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (DNS_CODES.has(code)) {
    return new FetchError('dns', `could not resolve the host of ${url}: ${detail}`, { cause: error });
  }
  if (code.startsWith('HPE_') || code === 'ERR_INVALID_HTTP_RESPONSE') {
    return new FetchError('protocol', `${url} sent a malformed HTTP response: ${detail}`, { cause: error });
  }
  if (code === 'ECONNREFUSED') {
    return new FetchError('connect', `${url} refused the connection`, { cause: error });
  }
  if (code === 'ECONNRESET') {
    return new FetchError('connect', `the connection to ${url} was reset: ${detail}`, { cause: error });
  }
  return new FetchError('connect', `could not exchange with ${url}: ${detail}`, { cause: error });
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  return typeof error.code === 'string' ? error.code : '';
}
