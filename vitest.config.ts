import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Starts moto_server when WIREWATCH_TEST_BACKEND=moto; nothing otherwise.
    globalSetup: ['test/support/moto-global-setup.ts'],
    // package-lock.json pins an AWS SDK that supports Node 20; its notice about later releases is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
