/**
 * Imports several workflows with one `n8n import:workflow` (each n8n command costs seconds of
 * start-up), from a temp file holding a JSON array, which n8n accepts like a single workflow.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { throwIfFailed } from './commandFailure';
import { runN8nCommand } from './runN8nCommand';

/** Imports `workflows` (each with a fixed `id`) into the n8n of `userFolder`; returns their ids. */
export async function importWorkflowObjects(
	userFolder: string,
	workflows: Array<{ id: string } & Record<string, unknown>>,
): Promise<string[]> {
	const missingId = workflows.find((workflow) => typeof workflow.id !== 'string' || workflow.id === '');
	if (missingId) throw new Error(`Workflow "${String(missingId.name)}" has no fixed "id"; the tests need one to address it`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-workflows-'));
	const file = path.join(dir, 'workflows.json');
	try {
		fs.writeFileSync(file, JSON.stringify(workflows));
		const result = await runN8nCommand(userFolder, ['import:workflow', `--input=${file}`]);
		throwIfFailed('n8n import:workflow', result, new RegExp(`Successfully imported ${workflows.length} workflows?\\.`));
		return workflows.map((workflow) => workflow.id);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
