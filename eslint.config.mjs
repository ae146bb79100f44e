// Lint profile: n8n's own rules for community nodes in their self-hosted profile, plus the
// classic n8n-nodes-base rules for node and credential descriptions, plus typescript-eslint.
import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const selfHosted = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

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
		plugins: selfHosted.plugins,
		rules: {
			...selfHosted.rules,
			// undici is our queue client's HTTP transport (keep-alive pooling, streamed bodies,
			// precise socket errors for safe retries); it is the one runtime dependency, on purpose.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
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
