// ESLint flat config. `npm test` runs it with --max-warnings 0 before the type check (test/run.ts).
// Layout and line length (120) belong to Prettier (.prettierrc.json); eslint-config-prettier, last, turns
// off every rule that would argue with it. The rules here are syntactic only: on these two cores the
// type-aware set (recommendedTypeChecked) took 73 s and 1.5 GB against 12 s, and `tsc --noEmit` runs anyway.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every rule is an error or off: a warning nobody has to fix is a warning nobody reads. */
function errorsOnly(configs) {
  const promote = (level) => (level === 'warn' || level === 1 ? 'error' : level);
  return configs.map((config) =>
    config.rules
      ? {
          ...config,
          rules: Object.fromEntries(
            Object.entries(config.rules).map(([name, value]) => [
              name,
              Array.isArray(value) ? [promote(value[0]), ...value.slice(1)] : promote(value),
            ]),
          ),
        }
      : config,
  );
}

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'server/generated/',
    'client/dist/',
    'coverage/',
    'test/.artifacts/',
    '.swc/',
    'prisma/.pglite/',
  ]),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  errorsOnly([
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      rules: {
        // `_name` marks an argument or binding kept on purpose (a callback's position, a tuple's slot).
        '@typescript-eslint/no-unused-vars': [
          'error',
          {
            argsIgnorePattern: '^_',
            varsIgnorePattern: '^_',
            caughtErrorsIgnorePattern: '^_',
            destructuredArrayIgnorePattern: '^_',
            ignoreRestSiblings: true,
          },
        ],
        '@typescript-eslint/no-explicit-any': 'error',
        // Chinese text uses the ideographic space (U+3000) on purpose; code and comments are still checked.
        'no-irregular-whitespace': [
          'error',
          { skipStrings: true, skipTemplates: true, skipRegExps: true, skipJSXText: true },
        ],
      },
    },
    {
      // Chinese time has one home, server/shared/china-time.ts (CHINA_OFFSET_MS and the helpers around it).
      ignores: ['server/shared/china-time.ts'],
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector: "BinaryExpression[operator='*'][left.raw='8'][right.raw=/^3600(_?000)?$/]",
            message: '中国时间请用 server/shared/china-time.ts（CHINA_OFFSET_MS 及其函数），不要手写 8 * 3600_000。',
          },
        ],
      },
    },
    {
      // The procedure builders narrow the context (`userProcedure`, `staffProcedure(...)`): no `ctx.user!`.
      files: ['server/routers/**'],
      rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
    },
    {
      // The client: React with the automatic JSX runtime, run by Taro (mini program and H5).
      files: ['client/**/*.{ts,tsx}'],
      ...react.configs.flat.recommended,
      ...react.configs.flat['jsx-runtime'],
      rules: {
        ...react.configs.flat.recommended.rules,
        ...react.configs.flat['jsx-runtime'].rules,
        ...reactHooks.configs.flat.recommended.rules,
        // TypeScript checks the props.
        'react/prop-types': 'off',
        // The one Taro-specific rule of eslint-config-taro, which is an ESLint 8 eslintrc config (no flat config).
        'react/forbid-elements': [
          'error',
          { forbid: [{ element: 'select', message: '请使用 Picker 组件代替 <select>' }] },
        ],
      },
      plugins: { ...react.configs.flat.recommended.plugins, 'react-hooks': reactHooks },
      settings: { react: { version: '18.3' } },
    },
    {
      // The few CommonJS config files run by Node (Babel, jest).
      files: ['**/*.js'],
      languageOptions: { sourceType: 'commonjs', globals: globals.node },
      rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
  ]),
  prettier,
);
