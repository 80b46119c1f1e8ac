/** GET /me: who the console is signed in as, so the page can show the name and the admin-only views. */

import { ok } from './console-http.ts';
import type { ConsoleHandler } from './console-route.ts';

export const getMe: ConsoleHandler = async ({ caller }) =>
  ok({ userId: caller.userId, email: caller.email, admin: caller.admin });
