/**
 * The codex files (`X.node.json` beside each node) that place the nodes in n8n's node panel.
 *
 * n8n's panel only understands its own subcategory names, and silently misfiles a node that uses
 * others; these tests hold the files to the names n8n's editor defines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { findPackageRoot, loadPackageTypes } from '../harness';

/**
 * The "AI" subcategories of n8n's editor (`AI_CATEGORY_*` and `AI_UNCATEGORIZED_CATEGORY` in
 * its node creator constants, n8n 2.x).
 */
const N8N_AI_SUBCATEGORIES = [
	'Agents',
	'Chains',
	'Document Loaders',
	'Embeddings',
	'Evaluation',
	'Language Models',
	'Memory',
	'Miscellaneous',
	'Model Context Protocol',
	'Other Tools',
	'Output Parsers',
	'Retrievers',
	'Root Nodes',
	'Text Splitters',
	'Tools',
	'Vector Stores',
];

interface Codex {
	node: string;
	categories?: string[];
	subcategories?: Record<string, string[]>;
	alias?: string[];
	resources?: { primaryDocumentation?: Array<{ url: string }> };
}

const root = findPackageRoot();
const nodesDir = join(root, 'nodes', 'FalAi');
const codexFiles = readdirSync(nodesDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.flatMap((dir) =>
		readdirSync(join(nodesDir, dir.name))
			.filter((file) => file.endsWith('.node.json'))
			.map((file) => ({ file: `${dir.name}/${file}`, codex: JSON.parse(readFileSync(join(nodesDir, dir.name, file), 'utf8')) as Codex })),
	);

describe('codex files', () => {
	it('exist for every node of the package and name it as n8n does (<package>.<node name>)', () => {
		const { packageName, nodeTypes } = loadPackageTypes();
		const named = codexFiles.map(({ codex }) => codex.node).sort();
		expect(named).toEqual(nodeTypes.map((type) => `${packageName}.${type.description.name}`).sort());
	});

	it.each(codexFiles)('$file uses only subcategories n8n defines', ({ codex }) => {
		for (const subcategory of codex.subcategories?.AI ?? []) expect(N8N_AI_SUBCATEGORIES).toContain(subcategory);
	});

	it.each(codexFiles)('$file keeps an AI node in the regular node search (subcategory "Root Nodes")', ({ codex }) => {
		// n8n's panel treats an "AI" node without "Root Nodes" as a sub-node (one that only plugs into
		// an agent) and leaves it out of the ordinary "Add node" search.
		if (codex.categories?.includes('AI')) expect(codex.subcategories?.AI).toContain('Root Nodes');
	});

	it.each(codexFiles)('$file links to fal documentation', ({ codex }) => {
		expect(codex.resources?.primaryDocumentation?.[0]?.url).toMatch(/^https:\/\/docs\.fal\.ai\//);
	});
});
