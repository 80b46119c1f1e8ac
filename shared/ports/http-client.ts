/** The port through which wirewatch reads the web: feeds and article pages. */

export interface HttpRequest {
  readonly url: string;
  /** Extra request headers (e.g. If-None-Match, If-Modified-Since). Names are case-insensitive. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Largest body accepted, counted after decompression. */
  readonly maxBytes: number;
  /** Deadline for the whole exchange, redirects included. */
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  /** The URL that answered, after redirects. */
  readonly url: string;
  /** Response headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The decoded (decompressed) body bytes; empty for 304. */
  readonly body: Uint8Array;
  /** Set when every redirect on the way was permanent (301/308): the new address to store. */
  readonly permanentUrl: string | null;
}

export type FetchErrorCode =
  | 'blocked-address'
  | 'invalid-url'
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'bad-encoding'
  | 'protocol';

/** A fetch that could not produce a response; `code` is stable for metrics and feed state. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FetchError';
  }
}

export interface HttpClient {
  get(request: HttpRequest): Promise<HttpResponse>;
}
