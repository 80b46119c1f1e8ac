/**
 * The HTTPS path end to end against a loopback server with certificates made for the test: the URL's
 * host goes out as SNI and Host while the socket goes to the address the guard checked, and the
 * certificate is still verified against that host name, so a pinned IP never weakens TLS.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls, { type TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import { FetchError } from '../../shared/ports/http-client.ts';
import { fenceTrafficToLoopback, type LoopbackFence } from './loopback-fence.ts';

const NAME = 'feed.example';
const OTHER_NAME = 'other.example';
const LIMITS = { maxBytes: 4096, timeoutMs: 5000 };

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

interface TestPki {
  /** The CA the client is made to trust, and what it signed. */
  readonly caCert: string;
  readonly forName: KeyPair;
  readonly forOtherName: KeyPair;
  /** Signed by itself, for NAME; nothing trusts it. */
  readonly selfSigned: KeyPair;
}

/** Own config, so the result does not depend on the machine's openssl.cnf. */
const OPENSSL_CONFIG = `
[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:\${ENV::SAN_NAME}
`;

/** A CA, two leaves it signs (NAME and OTHER_NAME) and a self-signed leaf for NAME, in a temp dir. */
function makeTestPki(dir: string): TestPki {
  const config = join(dir, 'openssl.cnf');
  writeFileSync(config, OPENSSL_CONFIG);
  const path = (file: string) => join(dir, file);
  const read = (file: string) => readFileSync(path(file), 'utf8');
  const openssl = (sanName: string, args: string[]) =>
    execFileSync('openssl', args, { stdio: 'pipe', env: { ...process.env, SAN_NAME: sanName } });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const keyPair = (base: string): KeyPair => ({ key: read(`${base}.key`), cert: read(`${base}.crt`) });
  /** Where `req` writes a new key and its certificate (or, for a CSR, its request). */
  const written = (base: string, out: string) => ['-keyout', path(`${base}.key`), '-out', path(out)];

  const selfSigned = (base: string, subject: string, extensions: string) => {
    const req = ['req', '-config', config, '-x509', ...newKey, '-days', '1', '-subj', subject];
    openssl(NAME, [...req, '-extensions', extensions, ...written(base, `${base}.crt`)]);
    return keyPair(base);
  };
  const signedByCa = (name: string) => {
    const csr = path(`${name}.csr`);
    const req = ['req', '-config', config, '-new', ...newKey, '-subj', `/CN=${name}`];
    openssl(name, [...req, ...written(name, `${name}.csr`)]);
    const signer = ['-CA', path('ca.crt'), '-CAkey', path('ca.key'), '-CAcreateserial', '-days', '1'];
    const extensions = ['-extfile', config, '-extensions', 'server_ext'];
    openssl(name, ['x509', '-req', '-in', csr, ...signer, ...extensions, '-out', path(`${name}.crt`)]);
    return keyPair(name);
  };

  const ca = selfSigned('ca', '/CN=wirewatch test CA', 'ca_ext');
  return {
    caCert: ca.cert,
    forName: signedByCa(NAME),
    forOtherName: signedByCa(OTHER_NAME),
    selfSigned: selfSigned('self', `/CN=${NAME}`, 'server_ext'),
  };
}

interface SeenRequest {
  readonly sni: string | false | null;
  readonly host: string | undefined;
  readonly remoteAddress: string | undefined;
  readonly path: string | undefined;
}

/** An HTTPS server on 127.0.0.1 presenting `pair`, recording SNI, Host and peer of each request. */
async function startTlsServer(pair: KeyPair): Promise<{ server: Server; port: number; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const server = createServer({ key: pair.key, cert: pair.cert }, (request, response) => {
    const socket = request.socket as TLSSocket;
    seen.push({
      sni: socket.servername,
      host: request.headers.host,
      remoteAddress: socket.remoteAddress,
      path: request.url,
    });
    response.setHeader('content-type', 'application/rss+xml');
    response.end('<rss/>');
  });
  // A client that rejects the certificate aborts the handshake; that is the expected outcome here.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

describe.skipIf(!hasOpenssl)(
  `NodeHttpClient over HTTPS${hasOpenssl ? '' : ' (skipped: no openssl on PATH to make test certificates)'}`,
  () => {
    let dir: string;
    let pki: TestPki;
    let fence: LoopbackFence;
    let servers: Server[];
    /** Host names the injected resolver was asked for. */
    let resolved: string[];
    /** Server names the client's TLS connections asked for. */
    let tlsServerNames: (string | undefined)[];

    const resolve = async (hostname: string) => {
      resolved.push(hostname);
      return [{ address: '127.0.0.1', family: 4 as const }];
    };

    const serve = async (pair: KeyPair) => {
      const started = await startTlsServer(pair);
      servers.push(started.server);
      return started;
    };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'wirewatch-https-'));
      pki = makeTestPki(dir);
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    beforeEach(() => {
      servers = [];
      resolved = [];
      tlsServerNames = [];
      fence = fenceTrafficToLoopback();
      // The client has no CA option and NODE_EXTRA_CA_CERTS is read only at startup, so the test CA is
      // added where https.Agent opens its TLS connections; everything else about them is the client's.
      const connect = tls.connect;
      vi.spyOn(tls, 'connect').mockImplementation(((options: tls.ConnectionOptions, ...rest: unknown[]) => {
        tlsServerNames.push(options.servername);
        return Reflect.apply(connect, tls, [{ ...options, ca: pki.caCert }, ...rest]);
      }) as typeof tls.connect);
    });

    afterEach(async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((done) => server.close(done));
      }
      vi.restoreAllMocks();
    });

    it('fetches from a pinned loopback address with the URL host as SNI and Host', async () => {
      // Prepare
      const { port, seen } = await serve(pki.forName);
      const client = createNodeHttpClient({ resolve, allowPrivateHosts: [NAME] });

      // Act
      const response = await client.get({ url: `https://${NAME}:${port}/feed`, ...LIMITS });

      // Assess
      expect(response.status).toBe(200);
      expect(response.url).toBe(`https://${NAME}:${port}/feed`);
      expect(Buffer.from(response.body).toString()).toBe('<rss/>');
      expect(seen).toEqual([
        { sni: NAME, host: `${NAME}:${port}`, remoteAddress: '127.0.0.1', path: '/feed' },
      ]);
      expect(resolved).toEqual([NAME]);
      expect(tlsServerNames).toEqual([NAME]);
      // The socket was asked to connect to the name; only the pinned lookup turned it into 127.0.0.1.
      expect(fence.connectAttempts).toEqual([NAME]);
    });

    it('refuses a certificate for another name although the pinned address is right', async () => {
      // Prepare
      const { port, seen } = await serve(pki.forOtherName);
      const client = createNodeHttpClient({ resolve, allowPrivateHosts: [NAME] });
      const url = `https://${NAME}:${port}/feed`;

      // Act
      const error = await client.get({ url, ...LIMITS }).catch((thrown: unknown) => thrown);

      // Assess
      expect(error).toBeInstanceOf(FetchError);
      expect(error).toMatchObject({
        code: 'connect',
        message: expect.stringContaining(`could not exchange with ${url}: Hostname/IP does not match`),
        cause: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
      });
      expect((error as FetchError).message).toContain(`DNS:${OTHER_NAME}`);
      expect(seen).toEqual([]);
    });

    it('refuses a self-signed certificate nothing trusts', async () => {
      // Prepare
      const { port, seen } = await serve(pki.selfSigned);
      const client = createNodeHttpClient({ resolve, allowPrivateHosts: [NAME] });
      const url = `https://${NAME}:${port}/feed`;

      // Act
      const error = await client.get({ url, ...LIMITS }).catch((thrown: unknown) => thrown);

      // Assess
      expect(error).toBeInstanceOf(FetchError);
      expect(error).toMatchObject({
        code: 'connect',
        message: `could not exchange with ${url}: self-signed certificate`,
        cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      });
      expect(seen).toEqual([]);
    });
  },
);
