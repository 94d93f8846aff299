import tseslint from 'typescript-eslint';

// The emulator stands alone: it imports no package of ours and no file outside graph-emulator/. One block per folder
// depth, since how many `../` leave graph-emulator/ depends on where the importing file sits.
const emulatorStandsAlone = [1, 2, 3, 4, 5, 6].map((depth) => ({
  files: [`graph-emulator/${'*/'.repeat(depth - 1)}*.{ts,tsx,js,mjs}`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['@m365/*'], message: 'The emulator imports nothing of ours: keep Microsoft facts in graph-emulator itself.' },
        { regex: `^(\\.\\./){${depth},}`, message: 'The emulator imports nothing outside graph-emulator/.' },
      ],
    }],
  },
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/test/**/*.ts', 'test-support/**/*.ts', 'bench/**/*.ts', 'scripts/**', '**/src/main.ts', '**/src/cli.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...emulatorStandsAlone,
);
