#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
import { register } from 'tsx/esm/api';

// The AWS SDK warns on Node 20 that releases after early January 2027 need Node 22; package-lock.json
// pins a release that supports Node 20, and Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();

// `wirewatch … | head` closes stdout early: that is the reader being done, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
