// Jest configuration (run through `npm test`, which prepares a fresh PostgreSQL database: test/run.ts).
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      experimental: { cacheRoot: path.join(root, 'node_modules', '.cache', 'swc') },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: root,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/server/shared/$1' },
  testEnvironment: 'node',
};

module.exports = {
  rootDir: root,
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    {
      // The client's hooks and formatting in jsdom (on a device outside China); @tarojs/taro is a local stand-in.
      ...common,
      displayName: 'client',
      testEnvironment: '<rootDir>/test/unit/client/jsdom-environment.js',
      testMatch: ['<rootDir>/test/unit/client/**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/unit/client/setup.ts'],
      moduleNameMapper: { ...common.moduleNameMapper, '^@tarojs/taro$': '<rootDir>/test/unit/client/taro-shim.ts' },
    },
  ],
};
