#!/usr/bin/env -S node --openssl-legacy-provider --disable-warning=ExperimentalWarning
// The legacy provider lets the local S3 emulator (s3rver) page through listings: its continuation
// tokens use DES, which OpenSSL 3 refuses otherwise. It changes nothing else that wirewatch does.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
