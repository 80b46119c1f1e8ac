/**
 * The analyst console on this machine: an HTTP server on 127.0.0.1 that serves the built page
 * (console/dist) and hands each `/api/*` request to the console API's Lambda handler as the API
 * Gateway HTTP API event it gets on AWS, with the local analyst's claims where the JWT authorizer
 * would put the verified ones.
 *
 * Only this user's browser, opened on the printed URL, may call the API:
 * - the server listens on 127.0.0.1 only;
 * - every API request carries the random per-run token of the URL (`#token=...`: the fragment never
 *   leaves the browser; the page sends it as `Authorization: Bearer`), which another local user or a
 *   web page cannot guess (CSRF);
 * - the Host header must name this server (127.0.0.1:PORT or localhost:PORT), so a page on a
 *   rebound DNS name reaching this port is refused (DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { ConsoleRoute } from '../functions/console-api/console-route.ts';
import { MAX_BODY_BYTES, matchConsoleRoute } from '../functions/console-api/route-match.ts';
import { httpApiEvent, lambdaContext } from './lambda-events.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-aws.ts';

export type ConsoleApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Who the local console is signed in as: the address the samples subscribe, an admin so the ops view shows. */
export const LOCAL_ANALYST = {
  sub: 'local-analyst',
  email: 'analyst@example.com',
  groups: ['admins'],
} as const;

export interface ConsoleServerOptions {
  handler: ConsoleApiHandler;
  routes: readonly ConsoleRoute[];
  /** The built page (console/dist); when it has no index.html the server says how to build it. */
  staticRoot: string;
  /** 0 (the default) lets the system choose a free port. */
  port?: number;
  analyst?: { sub: string; email: string; groups: readonly string[] };
  /**
   * Answers the unsubscribe links of the emails the local SNS emulator delivers, pointed here
   * (`/unsubscribe?SubscriptionArn=…`, no token: like SNS's own link, it is the capability), so they
   * work for as long as the console is served.
   */
  unsubscribeLink?: (url: URL, response: ServerResponse) => Promise<void>;
}

export interface ConsoleServer {
  /** The URL to open, with the token in its fragment. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api';
/** API Gateway gives an integration at most 30 s. */
const API_TIMEOUT_SECONDS = 29;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

const NOT_BUILT = `The console page is not built yet. Build it with

  npm run build:console

and reload this page (the API under /api answers already).
`;

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: string | Buffer,
) {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, code: string, message: string) {
  send(
    response,
    status,
    { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    JSON.stringify({ error: { code, message } }),
  );
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The static file for a URL path inside root, or null when the path leaves it or names none. */
async function staticFile(root: string, path: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded === '/' ? 'index.html' : decoded));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return null;
  const info = await stat(file).catch(() => null);
  return info?.isFile() === true ? file : null;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const token = randomBytes(24).toString('base64url');
  const analyst = options.analyst ?? LOCAL_ANALYST;
  const root = normalize(options.staticRoot);
  let allowedHosts: Set<string> = new Set();
  let origin = '';

  async function answerApi(request: IncomingMessage, response: ServerResponse, url: URL) {
    const authorization = request.headers.authorization ?? '';
    const given = /^Bearer (.+)$/.exec(authorization)?.[1] ?? '';
    if (!sameSecret(given, token)) {
      sendError(response, 401, 'unauthenticated', 'Open the console from the URL `npm start` printed');
      return;
    }
    // Browsers send Origin on cross-origin calls: only this page's own origin may call.
    if (
      request.headers.origin !== undefined &&
      !allowedHosts.has(request.headers.origin.replace(/^http:\/\//, ''))
    ) {
      sendError(response, 403, 'forbidden', 'Calls from other origins are refused');
      return;
    }
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      sendError(response, 413, 'body_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
      return;
    }
    const method = (request.method ?? 'GET').toUpperCase();
    const rawPath = url.pathname.slice(API_PREFIX.length) || '/';
    // API Gateway picks the route and extracts its parameters before the Lambda runs.
    let routeKey = '$default';
    let pathParameters: Record<string, string> | undefined;
    try {
      const matched = matchConsoleRoute(options.routes, method, rawPath);
      routeKey = `${matched.route.method} ${matched.route.path}`;
      if (Object.keys(matched.pathParameters).length > 0) pathParameters = matched.pathParameters;
    } catch {
      // No route: the handler's router answers 404 or 405 itself.
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'authorization') headers[name] = value;
    }
    const event = httpApiEvent(
      {
        method,
        rawPath,
        rawQueryString: url.search.slice(1),
        headers,
        body,
        routeKey,
        pathParameters,
        claims: { sub: analyst.sub, email: analyst.email, 'cognito:groups': `[${analyst.groups.join(' ')}]` },
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      },
      LOCAL_ACCOUNT,
    );
    const result = await options.handler(
      event,
      lambdaContext('console-api', LOCAL_REGION, LOCAL_ACCOUNT, API_TIMEOUT_SECONDS),
    );
    const resultHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) resultHeaders[name] = String(value);
    send(response, result.statusCode ?? 200, resultHeaders, result.body);
  }

  async function answerPage(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, 405, 'method_not_allowed', 'The page is read with GET');
      return;
    }
    if (url.pathname === '/unsubscribe' && options.unsubscribeLink !== undefined) {
      await options.unsubscribeLink(url, response);
      return;
    }
    if (url.pathname === '/config.json') {
      const config = { apiUrl: API_PREFIX, auth: { mode: 'local' } };
      send(
        response,
        200,
        { 'content-type': CONTENT_TYPES['.json'] ?? '', 'cache-control': 'no-store' },
        JSON.stringify(config),
      );
      return;
    }
    const file = await staticFile(root, url.pathname);
    if (file === null) {
      const built = (await staticFile(root, '/')) !== null;
      if (built) send(response, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found\n');
      else send(response, 503, { 'content-type': 'text/plain; charset=utf-8' }, NOT_BUILT);
      return;
    }
    const contentType = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    send(
      response,
      200,
      { 'content-type': contentType, 'cache-control': cache },
      request.method === 'HEAD' ? undefined : await readFile(file),
    );
  }

  const server: Server = createServer((request, response) => {
    const host = request.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      sendError(
        response,
        421,
        'misdirected_request',
        `This server answers to ${[...allowedHosts].join(' or ')} only`,
      );
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    const answer =
      url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`) ? answerApi : answerPage;
    answer(request, response, url).catch((error: unknown) => {
      console.error('The local console failed to answer', request.method, url.pathname, error);
      if (!response.headersSent)
        sendError(response, 500, 'internal', 'The local console failed; see the terminal');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
