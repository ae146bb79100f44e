/**
 * Turns an n8n CLI command that did not do its job into an error that shows why.
 *
 * Both the exit code and n8n's success message are checked: some mistakes (a missing `--input`)
 * only log a hint and still exit with 0.
 */
import type { CommandResult } from './runCommand';

export function throwIfFailed(label: string, result: CommandResult, successMessage: RegExp): void {
	const output = `${result.stdout}\n${result.stderr}`;
	if (result.exitCode === 0 && successMessage.test(output)) return;
	throw new Error(
		`${label} failed (exit code ${result.exitCode})\n${lastLines(output, 40)}`,
	);
}

function lastLines(text: string, count: number): string {
	return text.trimEnd().split('\n').slice(-count).join('\n');
}
