import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'bench/node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // The tracker is a classic browser script served as is: no modules, no build, browser globals.
    files: ['gateway/tracker/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: Object.fromEntries(
        (
          'window document navigator location localStorage console fetch Blob URL setTimeout clearTimeout ' +
          'Element HTMLFormElement HTMLSelectElement IntersectionObserver MutationObserver'
        )
          .split(' ')
          .map((name) => [name, 'readonly']),
      ),
    },
  },
);
