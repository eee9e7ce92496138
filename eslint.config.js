// Lint: ESLint's and typescript-eslint's recommended rules, type-aware on the TypeScript of source/,
// test/ and bench/ (their types come from test/tsconfig.json, which includes all three), and React's
// rules of hooks on the screen. See docs/development.md#lint.
import js from '@eslint/js';
import {defineConfig} from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The scripts run by Node as they are (.mjs, .cjs): the globals are this Node's own.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map(name => [name, 'readonly']));

export default defineConfig(
	{ignores: ['dist/', 'release/', 'node_modules/', '.bench-tmp/']},
	{linterOptions: {reportUnusedDisableDirectives: 'error'}},
	js.configs.recommended,
	{
		rules: {
			// `catch {}` is how this code says "best effort" (a kill of a process that may be gone, a close
			// on a path that already failed).
			'no-empty': ['error', {allowEmptyCatch: true}],
			// `let x; const f = () => x?.y(); x = make(f);`: a closure reading x before it is assigned.
			'prefer-const': ['error', {destructuring: 'all', ignoreReadBeforeAssign: true}],
		},
	},
	{
		files: ['{source,test,bench}/**/*.{ts,tsx}'],
		extends: [tseslint.configs.recommendedTypeChecked],
		languageOptions: {
			parserOptions: {project: './test/tsconfig.json', tsconfigRootDir: import.meta.dirname},
		},
		rules: {
			// `const {cpu: _cpu, ...rest} = shape` leaves a property out.
			'@typescript-eslint/no-unused-vars': ['error', {ignoreRestSiblings: true}],
		},
	},
	// package/ holds the single-file build's entry and the modules esbuild swaps in; they are in no
	// tsconfig, so their rules are the ones that need no types.
	{
		files: ['package/**/*.ts'],
		extends: [tseslint.configs.recommended],
	},
	{
		files: ['**/*.tsx', 'source/ui/**/*.ts'],
		plugins: {'react-hooks': reactHooks},
		rules: reactHooks.configs.recommended.rules,
	},
	{
		files: ['**/*.mjs', '**/*.cjs'],
		languageOptions: {globals: nodeGlobals},
	},
	{
		files: ['**/*.cjs'],
		languageOptions: {sourceType: 'commonjs', globals: {...nodeGlobals, require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly'}},
	},
);
