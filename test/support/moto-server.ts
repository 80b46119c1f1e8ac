/**
 * A moto_server this process starts on 127.0.0.1 (a free port), waits for, and stops: the deploy
 * rehearsal's and, with WIREWATCH_TEST_BACKEND=moto, the integration suites' (test-backend.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No free loopback port');
  return address.port;
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  spawnError: () => Error | null,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const error = spawnError();
    if (error !== null) throw new Error(`moto_server could not start (is it on the PATH?): ${error.message}`);
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs / 1000} s`);
}

export async function startMotoServer(timeoutMs = 30_000): Promise<MotoServer> {
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let spawnError: Error | null = null;
  child.once('error', (error) => {
    spawnError = error;
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail for the error message; moto logs every request here.
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // However this process ends, the server it started ends with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (spawnError !== null || child.exitCode !== null || child.signalCode !== null) return resolve();
      process.off('exit', killOnExit);
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitUntilAnswering(endpoint, child, () => spawnError, timeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return { endpoint, stop };
}
