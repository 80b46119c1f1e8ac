/**
 * Vitest global setup: with WIREWATCH_TEST_BACKEND=moto, one moto_server on a free loopback port for
 * the whole run, its endpoint handed to the test files as `inject('motoEndpoint')` (test-backend.ts).
 * With the default backend it starts nothing.
 */
import type { TestProject } from 'vitest/node';
import { startMotoServer } from './moto-server.ts';
import { BACKEND_VARIABLE, testBackendFrom } from './test-backend.ts';

declare module 'vitest' {
  interface ProvidedContext {
    motoEndpoint: string | undefined;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('motoEndpoint', undefined);
  if (testBackendFrom(process.env[BACKEND_VARIABLE]) !== 'moto') return undefined;
  const moto = await startMotoServer();
  project.provide('motoEndpoint', moto.endpoint);
  return () => moto.stop();
}
