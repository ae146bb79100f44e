/**
 * Imports workflows with `n8n import:workflow`, the way an n8n admin restores them.
 */
import * as fs from 'node:fs';

import { throwIfFailed } from './commandFailure';
import { importWorkflowObjects } from './importWorkflows';
import { runN8nCommand } from './runN8nCommand';

/**
 * Imports the workflow file `file` into the n8n of `userFolder`. The file must carry a fixed
 * `id`, which is then used to execute or activate it; it is returned for convenience.
 */
export async function importWorkflow(userFolder: string, file: string): Promise<string> {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { id?: unknown };
	if (typeof workflow.id !== 'string' || workflow.id === '') {
		throw new Error(`${file} has no fixed "id"; the tests need one to address the workflow`);
	}
	const result = await runN8nCommand(userFolder, ['import:workflow', `--input=${file}`]);
	throwIfFailed('n8n import:workflow', result, /Successfully imported/);
	return workflow.id;
}

/** Imports `workflow` (an object, with a fixed `id`) through a temp file; returns its id. */
export async function importWorkflowObject(
	userFolder: string,
	workflow: { id: string } & Record<string, unknown>,
): Promise<string> {
	const [id] = await importWorkflowObjects(userFolder, [workflow]);
	return id;
}
