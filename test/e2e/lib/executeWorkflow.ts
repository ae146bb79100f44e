/**
 * Executes a saved workflow with `n8n execute --id=<id> --rawOutput`, as a CI job or a cron
 * script would, and hands back n8n's own record of the run.
 */
import { type N8nCommandOptions, runN8nCommand } from './runN8nCommand';
import type { N8nExecution } from './executionData';

export interface WorkflowRun {
	/** 0 on success, 1 when a node failed (n8n's convention). */
	exitCode: number;
	/** The run record n8n printed (on failure too), or undefined if it printed none. */
	execution?: N8nExecution;
	stdout: string;
	stderr: string;
	durationMs: number;
}

/** Runs workflow `id` of the n8n in `userFolder` and parses the JSON it prints. */
export async function executeWorkflow(
	userFolder: string,
	id: string,
	options: N8nCommandOptions = {},
): Promise<WorkflowRun> {
	const result = await runN8nCommand(userFolder, ['execute', `--id=${id}`, '--rawOutput'], options);
	return { ...result, execution: parseExecution(result.stdout) };
}

/**
 * n8n prints log lines (task broker, runners, "Execution was NOT successful") around the JSON.
 * The JSON is pretty-printed with two spaces, so it is the block from the first line that is
 * exactly `{` to the next line that is exactly `}`.
 */
export function parseExecution(stdout: string): N8nExecution | undefined {
	const lines = stdout.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start === -1) return undefined;
	const end = lines.indexOf('}', start);
	if (end === -1) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as N8nExecution;
}
