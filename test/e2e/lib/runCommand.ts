/**
 * Runs a child process to completion and keeps everything it printed, because the e2e helpers
 * need both the exit code and the output (n8n prints its JSON after log lines).
 */
import { spawn } from 'node:child_process';

export interface CommandResult {
	exitCode: number;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface CommandOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Kill the command (and fail) after this many ms. */
	timeoutMs?: number;
}

/** Runs `command args…` without a shell and resolves with its exit code and output. */
export async function runCommand(
	command: string,
	args: string[],
	options: CommandOptions,
): Promise<CommandResult> {
	const startedAt = Date.now();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

	const timeout =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
	try {
		const exitCode = await new Promise<number>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
		});
		return { exitCode, stdout, stderr, durationMs: Date.now() - startedAt };
	} finally {
		if (timeout) clearTimeout(timeout);
	}
}

/** Like runCommand, but a non-zero exit code becomes an error carrying the command's output. */
export async function runCommandOrThrow(
	command: string,
	args: string[],
	options: CommandOptions,
): Promise<CommandResult> {
	const result = await runCommand(command, args, options);
	if (result.exitCode !== 0) {
		throw new Error(
			`\`${command} ${args.join(' ')}\` exited with ${result.exitCode}\n` +
				`--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
		);
	}
	return result;
}

/** The end of a long output: where the reason for a failure usually is. */
function tail(text: string, maxChars = 4000): string {
	return text.length <= maxChars ? text : `…${text.slice(-maxChars)}`;
}
