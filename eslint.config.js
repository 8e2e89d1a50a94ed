// ESLint for every JavaScript file of the project (dev tool only: serving never needs Node).
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    // vendored third-party files are checked by hash (tests/unit), not linted
    ignores: ['node_modules/', '.venv/', '.venv-3.13/', 'var/', 'tests/artifacts/', 'bench/results/', '**/vendor/',
      // a symlink to widget/src/common (so tsc and node resolve the console's imports as the
      // browser does); linted once, where it lives
      'backend/shopchat/console/common/',
      // symlinks mapping widget/ and demo_site/ into the package (pyproject.toml); build output
      'backend/shopchat/widget/', 'backend/shopchat/demo_site/', 'build/', 'dist/', '.tools/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-globals': 'error',
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with textContent or through htm (escaping by construction).' },
        { property: 'outerHTML', message: 'Render text with textContent or through htm.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No HTML strings.' },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval (strict CSP).' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function (strict CSP).' },
      ],
    },
  },
  {
    // classic scripts: the loader (an IIFE a store page embeds) and the demo store's script
    files: ['widget/shopchat.js', 'demo_site/**/*.js'],
    languageOptions: { sourceType: 'script', ecmaVersion: 2017 },
    rules: { 'no-var': 'off', 'prefer-const': 'off' },
  },
  {
    // the console's service worker: a classic script whose global scope is its own
    files: ['backend/shopchat/console/sw.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker } },
    rules: { 'no-implicit-globals': 'off' },
  },
  {
    files: ['tests/js/**/*.js', 'eslint.config.js', '**/tools/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];
