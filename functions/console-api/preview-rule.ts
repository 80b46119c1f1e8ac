/** POST /rules/preview: what a query would have matched in the archive over the last days. */
import * as z from 'zod/mini';
import { PREVIEW_LIMITS, previewRule as preview } from '../../shared/console/rule-preview.ts';
import { ok, parseInput } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';
import { QuerySchema } from './rule-input.ts';

const PreviewSchema = z.strictObject({
  query: QuerySchema.check(z.minLength(1)),
  days: z.int().check(z.minimum(1), z.maximum(PREVIEW_LIMITS.maxDays)),
});

export const previewRule: ConsoleHandler = async ({ body }, deps) =>
  ok(await preview(parseInput(PreviewSchema, body, 'body'), deps));
