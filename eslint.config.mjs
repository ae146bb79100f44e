// Lint profile: n8n's own rules for community nodes in their cloud profile (what n8n's
// verification scanner applies: no runtime dependencies, only allowed imports, no timer or
// process globals), no-console, the classic n8n-nodes-base rules for node and credential
// descriptions, plus typescript-eslint. `npm run scan` runs the scanner itself on top of this.
import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const cloud = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	{
		ignores: ['dist/**', 'node_modules/**', 'test/e2e/n8n/**', 'test/e2e/artifacts/**', '.n8n-demo/**', 'coverage/**', '**/*.js', '**/*.mjs'],
	},
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: cloud.plugins,
		rules: {
			...cloud.rules,
			'no-console': 'error',
		},
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// That rule is for n8n's own docs slugs ("only applicable to nodes in the main
			// repository"); a community credential links to fal's documentation by full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.node.ts', 'nodes/**/descriptions/**/*.ts', 'nodes/**/actions/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// The classic rules predate NodeConnectionTypes and want the string 'main'; n8n's
			// current community rule (node-connection-type-literal) wants the constant. We follow n8n.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
);
