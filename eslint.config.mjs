import tseslint from 'typescript-eslint';
import layers from './tools/eslint/layers.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'build/**', 'dist/**', 'release/**', 'coverage/**', 'test-artifacts/**',
      'ts/protocol/generated/**', 'test/fixtures/**', '.electron-native/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs,js,cjs}'],
    plugins: { layers },
    rules: {
      'layers/imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['bin/*', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
