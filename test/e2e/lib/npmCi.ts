/**
 * `npm ci` for the n8n install, tied to the life of the calling process.
 *
 * npm keeps going after Ctrl-C while it rolls back or builds native modules, so an install
 * interrupted by the user (or a test timeout) would go on for minutes in the background. Here npm
 * runs in its own process group, which is killed when this process exits for any reason other
 * than SIGKILL; what npm leaves behind is only ever a staging folder (see installN8n).
 */
import { spawn } from 'node:child_process';

import { npmEnvironment } from './npmEnvironment';

/** Runs `npm ci` in `dir` with install scripts on; rejects with the end of its output on failure. */
export async function npmCi(dir: string, timeoutMs = 20 * 60_000): Promise<void> {
	const child = spawn(
		'npm',
		// Explicit flags: scripts must run (sqlite3 builds from source) whatever the caller's config.
		['ci', '--ignore-scripts=false', '--no-audit', '--no-fund'],
		{ cwd: dir, env: npmEnvironment(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	const keep = (chunk: string): void => {
		output = (output + chunk).slice(-8000);
	};
	child.stdout.setEncoding('utf8').on('data', keep);
	child.stderr.setEncoding('utf8').on('data', keep);

	const killGroup = (): void => {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};
	process.once('exit', killGroup);
	const timeout = setTimeout(killGroup, timeoutMs);
	try {
		const exitCode = await new Promise<number>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
		});
		if (exitCode !== 0) throw new Error(`\`npm ci\` in ${dir} exited with ${exitCode}\n${output}`);
	} finally {
		clearTimeout(timeout);
		process.removeListener('exit', killGroup);
	}
}
