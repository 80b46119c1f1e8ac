import { configDefaults, defineConfig } from 'vitest/config';

const shared = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
  pool: 'forks',
  // package-lock.json pins an AWS SDK that supports Node 20; its notice about later releases is noise here.
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'wirewatch',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/console/**'],
          // Starts moto_server when WIREWATCH_TEST_BACKEND=moto; nothing otherwise.
          globalSetup: ['test/support/moto-global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'console',
          include: ['test/console/**/*.test.ts', 'console/src/**/*.test.ts'],
          // Builds console/dist once, and only when a console test is in the run.
          globalSetup: ['test/console/support/build-console.global.ts'],
        },
      },
    ],
  },
});
