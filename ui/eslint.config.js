// ESLint for the UI: the recommended rules of ESLint, typescript-eslint and eslint-plugin-vue,
// with the layout rules that Prettier owns turned off (eslint-config-prettier). `npm run lint`
// runs ESLint and `prettier --check` (options in .prettierrc.json).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier/flat';

export default tseslint.config(
  { ignores: ['dist/', 'dist-phone/', 'node_modules/', 'src/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser }, ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      // Views are named by their folder (index.vue), as the router loads them.
      'vue/multi-word-component-names': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['e2e/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
