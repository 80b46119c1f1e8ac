/** The request bodies and parameters of the subscription routes. */
import * as z from 'zod/mini';

export const SubscriptionDraftSchema = z.strictObject({
  target: z.strictObject({
    kind: z.enum(['rule', 'pair', 'topic']),
    value: z.string().check(z.minLength(1), z.maxLength(128)),
  }),
  delivery: z.enum(['immediate', 'digest']),
});

export const SubscriptionIdSchema = z.strictObject({
  subscriptionId: z.string().check(z.minLength(1), z.maxLength(512)),
});
