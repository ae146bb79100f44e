/**
 * Starts `n8n start` in the background (editor, REST API, webhooks) and stops it again; also any
 * other long-running n8n command (`n8n worker`, see queueCluster.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './freePort';
import { n8nEnv } from './n8nEnv';
import { n8nBin, n8nDir } from './paths';

export interface RunningN8n {
	/** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
	url: string;
	port: number;
	/** The pid of n8n's own (Node.js) process. */
	pid: number;
	/** Everything n8n printed so far (the last 200 kB), for diagnosing a failed test. */
	output(): string;
	/** Stops n8n and its task runner; resolves once the process has exited. */
	stop(): Promise<void>;
}

export interface StartN8nOptions {
	/** Extra environment variables, applied after the defaults of n8nEnv. */
	env?: NodeJS.ProcessEnv;
	/** HTTP port; a free one by default. */
	port?: number;
	/** How long to wait for `/healthz`. */
	startTimeoutMs?: number;
}

const maxKeptOutput = 200_000;

/**
 * Starts n8n on 127.0.0.1 with the data of `userFolder` and resolves once it is fully ready.
 * n8n runs in its own process group so stop() also ends the task runner it spawns.
 *
 * `/healthz` answers as soon as the HTTP server listens, a second or so before the REST routes
 * exist, active workflows are listening and the node/credential types are served. n8n prints
 * "Editor is now accessible via" after all of that, so readiness is both.
 */
export async function startN8n(userFolder: string, options: StartN8nOptions = {}): Promise<RunningN8n> {
	const port = options.port ?? (await freePort());
	const env = n8nEnv(userFolder, options.env, { port, brokerPort: await freePort() });
	const url = `http://127.0.0.1:${port}`;
	const running = await launchN8n(['start'], env, {
		healthUrl: url,
		readyMessage: 'Editor is now accessible via',
		timeoutMs: options.startTimeoutMs ?? 90_000,
	});
	return { ...running, url, port };
}

/** An n8n process started by launchN8n. */
export interface N8nProcess {
	/** The pid of n8n's own (Node.js) process, e.g. to read its memory use from /proc. */
	pid: number;
	output(): string;
	stop(): Promise<void>;
}

export interface Readiness {
	/** Base URL whose `/healthz` must answer 200. */
	healthUrl: string;
	/** A line n8n prints once it is fully started. */
	readyMessage: string;
	timeoutMs: number;
}

/** Spawns `n8n <args…>` (start, worker) in its own process group and waits until it is ready. */
export async function launchN8n(args: string[], env: NodeJS.ProcessEnv, readiness: Readiness): Promise<N8nProcess> {
	const child = spawn(n8nBin, args, {
		cwd: n8nDir,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const keep = (chunk: string): void => {
		output = (output + chunk).slice(-maxKeptOutput);
	};
	child.stdout?.setEncoding('utf8').on('data', keep);
	child.stderr?.setEncoding('utf8').on('data', keep);

	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// If the test process dies without calling stop(), n8n must not outlive it.
	const killOnExit = (): void => killGroup(child, 'SIGKILL');
	process.once('exit', killOnExit);

	const stop = async (): Promise<void> => {
		process.removeListener('exit', killOnExit);
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup(child, 'SIGTERM');
		// The grace timer is cancelled once n8n has exited, so it cannot keep jest alive.
		const grace = new AbortController();
		const stoppedInTime = await Promise.race([
			exited.then(() => true),
			sleep(15_000, false, { signal: grace.signal }).catch(() => true),
		]);
		grace.abort();
		if (!stoppedInTime) {
			killGroup(child, 'SIGKILL');
			await exited;
		}
	};

	try {
		await waitUntilReady(child, () => output, readiness);
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n--- n8n output ---\n${output.slice(-6000)}`);
	}
	return { pid: child.pid!, output: () => output, stop };
}

async function waitUntilReady(child: ChildProcess, output: () => string, readiness: Readiness): Promise<void> {
	const giveUpAt = Date.now() + readiness.timeoutMs;
	while (Date.now() < giveUpAt) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`);
		}
		if (output().includes(readiness.readyMessage) && (await healthzAnswers(readiness.healthUrl))) return;
		await sleep(250);
	}
	throw new Error(
		`n8n was not ready (${readiness.healthUrl}/healthz and "${readiness.readyMessage}") within ${readiness.timeoutMs} ms`,
	);
}

async function healthzAnswers(url: string): Promise<boolean> {
	try {
		const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
		return response.ok;
	} catch {
		return false;
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}
