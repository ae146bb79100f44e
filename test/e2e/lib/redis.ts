/**
 * A throwaway Redis for n8n's queue mode: Debian's `redis-server` on 127.0.0.1 and a free port,
 * nothing persisted, stopped with the test.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDebianPackage } from './debianPackage';
import { freePort } from './freePort';

export interface RunningRedis {
	host: string;
	port: number;
	stop(): Promise<void>;
}

/** Starts Debian's `redis-server` (installed with apt-get when missing) and resolves once it answers PING. */
export async function startRedis(): Promise<RunningRedis> {
	const redisServer = await ensureDebianPackage('redis-server', '/usr/bin/redis-server');
	const port = await freePort();
	const child = spawn(
		redisServer,
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-8000)));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-8000)));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const failedToSpawn = new Promise<never>((_, reject) =>
		child.once('error', (error) =>
			reject(new Error(`could not start redis-server (apt-get install -y redis-server): ${error.message}`)),
		),
	);
	const killOnExit = (): void => {
		child.kill('SIGKILL');
	};
	process.once('exit', killOnExit);
	const stop = async (): Promise<void> => {
		process.removeListener('exit', killOnExit);
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		await exited;
	};

	const giveUpAt = Date.now() + 20_000;
	for (;;) {
		if (await Promise.race([answersPing(port), failedToSpawn])) return { host: '127.0.0.1', port, stop };
		if (child.exitCode !== null || Date.now() > giveUpAt) {
			await stop();
			throw new Error(`redis-server did not answer on port ${port}\n${output}`);
		}
		await sleep(100);
	}
}

async function answersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}
