/**
 * A throwaway HTTP server on 127.0.0.1 (port 0) for client tests: counts connections, tracks how many
 * requests are in flight at once, and closes every connection when the test is done.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  readonly origin: string;
  readonly port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Highest number of requests in flight at the same moment. */
  maxInFlight(): number;
  /** Host headers received, in order. */
  readonly hostHeaders: string[];
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, server: LoopbackServer) => void;

export async function startLoopbackServer(handler: Handler): Promise<LoopbackServer> {
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<Socket>();
  const hostHeaders: string[] = [];
  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    hostHeaders.push(request.headers.host ?? '');
    response.once('close', () => inFlight--);
    handler(request, response, loopback);
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const loopback: LoopbackServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    maxInFlight: () => maxInFlight,
    hostHeaders,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return loopback;
}
