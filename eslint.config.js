// Lint: typescript-eslint's recommended rules over all TypeScript, and the Office add-in rules (load before read, sync
// after load, no sync in a loop, null objects tested with isNullObject) over the add-in's Office.js code.
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

const ONLY_CONTRACTS = {
  regex: '(^|/)pipeline/(?!contracts/index\\.js$)',
  message: 'addin/ imports only pipeline/contracts/index.js from pipeline/.',
};
/** One output adapter importing the other: what they share lives in addin/sheets/. */
const adapterApart = (self, other) => ({
  regex: `(^|/)${other}/`,
  message: `addin/${self}/ imports nothing from addin/${other}/: what both adapters need is in addin/sheets/ (A1 arithmetic in a1.ts).`,
});

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test/artifacts/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Prettier wraps code at 140; long SQL and Swedish messages stay whole in their strings, comments are wrapped by hand.
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  // The layers: the add-in talks to the service over HTTP only, so from pipeline/ it imports the contracts and nothing
  // else; the contracts import nothing but zod, so the browser bundle stays small; Office.js is used in addin/excel/ only;
  // the two output adapters (Office.js, ExcelJS) share the sheet plans and their A1 arithmetic, never each other's code.
  {
    files: ['addin/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ONLY_CONTRACTS] }] },
  },
  {
    files: ['addin/xlsx/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ONLY_CONTRACTS, adapterApart('xlsx', 'excel')] }] },
  },
  {
    files: ['addin/excel/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ONLY_CONTRACTS, adapterApart('excel', 'xlsx')] }] },
  },
  {
    files: ['addin/sheets/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ONLY_CONTRACTS,
            { regex: '(^|/)(excel|xlsx)/', message: 'The sheet plans (and addin/sheets/a1.ts) import neither adapter.' },
          ],
        },
      ],
    },
  },
  {
    files: ['addin/**/*.ts'],
    ignores: ['addin/excel/**', 'addin/functions/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Excel', message: 'Office.js is used in addin/excel/ only.' },
        { name: 'Office', message: 'Office.js is used in addin/excel/ only.' },
      ],
    },
  },
  {
    files: ['pipeline/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\./)', message: 'Contracts import zod and each other only.' }] }],
    },
  },
  {
    files: ['addin/excel/**/*.ts', 'addin/taskpane/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'warn',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
);
