/**
 * Serves the analyst console over a running local pipeline: loads the console API's Lambda entry the
 * way the pipeline loads its other handlers (after the pipeline has set the environment), and
 * starts the console server on 127.0.0.1 with the built page from console/dist.
 */
import { fileURLToPath } from 'node:url';
import { CONSOLE_ROUTES } from '../functions/console-api/routes.ts';
import { ENV } from '../infra/resource-definitions.ts';
import { type ConsoleApiHandler, type ConsoleServer, startConsoleServer } from './console-server.ts';
import type { LocalPipeline } from './local-pipeline.ts';

/** Where `npm run build:console` writes the page. */
export const CONSOLE_DIST = fileURLToPath(new URL('../console/dist/', import.meta.url));

const CONSOLE_API_ENTRY = new URL('../functions/console-api.ts', import.meta.url).href;

export interface LocalConsoleOptions {
  port?: number;
  staticRoot?: string;
}

/**
 * The handler reaches the pipeline's emulators through the environment the pipeline set when it started.
 * While the console is served, the emails the pipeline sends link to it: alerts and digests to its
 * article pages (through the console URL the emailing handlers read), and each email's unsubscribe
 * link to its `/unsubscribe`, so the link works after the poll that sent it, for as long as it serves.
 */
export async function startLocalConsole(
  pipeline: LocalPipeline,
  options: LocalConsoleOptions = {},
): Promise<ConsoleServer> {
  // As the stack configures the function: every dead-letter queue, for the ops view.
  process.env[ENV.deadLetterQueueUrls] = [...pipeline.deadLetterQueues]
    .map(([name, queue]) => `${name}=${queue.settings.url}`)
    .join(',');
  const module = (await import(/* @vite-ignore */ CONSOLE_API_ENTRY)) as { handler: ConsoleApiHandler };
  const sns = pipeline.aws.sns;
  const server = await startConsoleServer({
    handler: module.handler,
    routes: CONSOLE_ROUTES,
    staticRoot: options.staticRoot ?? CONSOLE_DIST,
    ...(options.port === undefined ? {} : { port: options.port }),
    unsubscribeLink: (url, response) => sns.answerUnsubscribeLink(url, response),
  });
  process.env[ENV.consoleUrl] = server.origin;
  sns.setLinkOrigin(server.origin);
  return {
    ...server,
    close: async () => {
      sns.setLinkOrigin(null);
      delete process.env[ENV.consoleUrl];
      await server.close();
    },
  };
}
