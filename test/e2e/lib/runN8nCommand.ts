/**
 * Runs one n8n CLI command (`import:workflow`, `execute`, …) against a user folder.
 */
import { freePort } from './freePort';
import { n8nEnv } from './n8nEnv';
import { n8nBin, n8nDir } from './paths';
import { type CommandResult, runCommand } from './runCommand';

export interface N8nCommandOptions {
	/** Extra environment variables, applied after the defaults of n8nEnv. */
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
}

/**
 * Runs `n8n <args…>` with the e2e environment. A free task-runner broker port is picked for each
 * command, so it can run while `n8n start` (or another command) holds the default one.
 */
export async function runN8nCommand(
	userFolder: string,
	args: string[],
	options: N8nCommandOptions = {},
): Promise<CommandResult> {
	const env = n8nEnv(userFolder, options.env, { brokerPort: await freePort() });
	return runCommand(n8nBin, args, {
		cwd: n8nDir,
		env,
		timeoutMs: options.timeoutMs ?? 120_000,
	});
}
