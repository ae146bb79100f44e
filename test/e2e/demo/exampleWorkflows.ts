/**
 * The example workflows shipped in `examples/` (whatever is there when the demo starts): reading
 * them, importing them into the demo's n8n, and choosing the one to suggest first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { throwIfFailed } from '../lib/commandFailure';
import { examplesDir } from '../lib/exampleWorkflows';
import { repoRoot } from '../lib/paths';
import { runN8nCommand } from '../lib/runN8nCommand';

export interface ExampleWorkflow {
	file: string;
	name: string;
	/** Started by the "Execute workflow" button (it has a Manual Trigger). */
	manual: boolean;
	/** How many of this package's nodes it contains. */
	falNodes: number;
	/** Whether it generates an image: the quickest thing to try. */
	generatesImage: boolean;
}

interface WorkflowFile {
	name?: string;
	nodes?: Array<{ type?: string }>;
}

/** The workflows in `examples/*.json`, sorted by file name; unreadable files are reported and skipped. */
export function readExampleWorkflows(warn: (message: string) => void): ExampleWorkflow[] {
	if (!fs.existsSync(examplesDir)) return [];
	const examples: ExampleWorkflow[] = [];
	for (const name of fs.readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort()) {
		const file = path.join(examplesDir, name);
		try {
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowFile;
			const types = (workflow.nodes ?? []).map((node) => node.type ?? '');
			examples.push({
				file,
				name: workflow.name ?? name,
				manual: types.includes('n8n-nodes-base.manualTrigger'),
				falNodes: types.filter((type) => type.startsWith('n8n-nodes-falai.')).length,
				generatesImage: types.includes('n8n-nodes-falai.falAiGenerateImage'),
			});
		} catch (error) {
			warn(`skipping ${path.relative(repoRoot, file)}: ${(error as Error).message}`);
		}
	}
	return examples;
}

/**
 * Imports `examples` into the n8n of `userFolder`: all at once (one n8n process, a few seconds),
 * or one by one when that fails so a single broken file does not hide the others.
 * Returns the ones that were imported.
 */
export async function importExampleWorkflows(
	userFolder: string,
	examples: ExampleWorkflow[],
	warn: (message: string) => void,
): Promise<ExampleWorkflow[]> {
	if (examples.length === 0) return [];
	const all = await runN8nCommand(userFolder, ['import:workflow', '--separate', `--input=${examplesDir}`]);
	try {
		throwIfFailed('n8n import:workflow', all, /Successfully imported/);
		return examples;
	} catch {
		const imported: ExampleWorkflow[] = [];
		for (const example of examples) {
			const one = await runN8nCommand(userFolder, ['import:workflow', `--input=${example.file}`]);
			try {
				throwIfFailed(`import of ${path.basename(example.file)}`, one, /Successfully imported/);
				imported.push(example);
			} catch (error) {
				warn((error as Error).message);
			}
		}
		return imported;
	}
}

/** The workflow to suggest first: a manual one that generates an image, else any manual one. */
export function firstToTry(examples: ExampleWorkflow[]): ExampleWorkflow | undefined {
	const manual = examples.filter((example) => example.manual && example.falNodes > 0);
	return manual.find((example) => example.generatesImage) ?? manual[0] ?? examples[0];
}
