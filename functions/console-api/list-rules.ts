/** GET /rules: every rule, each saying whether the caller may change it. */
import { listAnalystRules } from '../../shared/console/analyst-rules.ts';
import { ok } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';

export const listRules: ConsoleHandler = async ({ caller }, deps) =>
  ok({ rules: await listAnalystRules(caller, deps) });
