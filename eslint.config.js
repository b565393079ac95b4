// Lint: JavaScript's and typescript-eslint's recommended rules, and Svelte's, for the browser and Node.
// Formatting is prettier's job (.prettierrc.json); `npm run check` runs both.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build-server/',
			'.svelte-kit/',
			'.cache/',
			'data/',
			'test-results/',
			'playwright-report/',
			'bench/results/',
			'src/lib/paraglide/',
			'src/lib/pocketbase-types.ts',
			'server/pocketbase/',
			'docs/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// `_name` marks what is left out on purpose (a rest copy without it, an unused callback argument).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
			// Kring is served at the root, so plain paths are its links; resolve() would add nothing.
			'svelte/no-navigation-without-resolve': 'off',
			// Kring replaces state rather than mutating it ($state.raw with a new Map), and keeps plain
			// Maps and Sets for values built and thrown away within one computation.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		// A test reaches into the page (window.cy and the like) where only run time knows the type.
		files: ['tests/e2e/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	}
);
