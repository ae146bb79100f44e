/**
 * npm commands for the cached installs (n8n, Node.js), tied to the life of the calling process.
 *
 * npm keeps going after Ctrl-C while it rolls back or builds native modules, so an install
 * interrupted by the user (or a test timeout) would go on for minutes in the background. Here npm
 * runs in its own process group, which is killed when this process exits for any reason other
 * than SIGKILL; what npm leaves behind is only ever a staging folder (see cachedInstall.ts).
 */
import { spawn } from 'node:child_process';

import { npmEnvironment } from './npmEnvironment';

export interface NpmOptions {
	/** Folders put first on PATH (a Node.js other than the one running the tests). */
	pathPrefix?: string[];
	timeoutMs?: number;
}

/** Runs `npm <args…>` in `dir`; rejects with the end of its output on failure. */
export async function npmInFolder(dir: string, args: string[], options: NpmOptions = {}): Promise<void> {
	const env = npmEnvironment();
	if (options.pathPrefix?.length) env.PATH = [...options.pathPrefix, env.PATH ?? ''].join(':');
	const child = spawn('npm', [...args, '--no-audit', '--no-fund'], {
		cwd: dir,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
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
	const timeout = setTimeout(killGroup, options.timeoutMs ?? 20 * 60_000);
	try {
		const exitCode = await new Promise<number>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
		});
		if (exitCode !== 0) throw new Error(`\`npm ${args.join(' ')}\` in ${dir} exited with ${exitCode}\n${output}`);
	} finally {
		clearTimeout(timeout);
		process.removeListener('exit', killGroup);
	}
}
