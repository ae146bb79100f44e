/**
 * The benchmark's handle on the fake running in a child process: its URLs, its key and the
 * control API (`/__fake/*`, see test/fake-fal/README.md) to reset it and to read its request log
 * and job timestamps.
 */
import { join } from 'node:path';

import type { FakeFalHosts, FakeFalOptions, JobView, RecordedRequest, TunableOptions } from '../fake-fal';
import { exited, firstMessage, startChild } from './child';
import type { FakeReady } from './fake-process';

/** The fake's base URLs for the four fal hosts the clients call. */
export type FakeHosts = Pick<FakeFalHosts, 'queueUrl' | 'runUrl' | 'restUrl' | 'platformUrl'>;

export interface BenchFake {
	baseUrl: string;
	key: string;
	hosts: FakeHosts;
	pid: number;
	reset(): Promise<void>;
	configure(options: TunableOptions): Promise<void>;
	requests(): Promise<RecordedRequest[]>;
	jobs(): Promise<JobView[]>;
	stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export async function startBenchFake(options: FakeFalOptions): Promise<BenchFake> {
	const child = startChild(join(__dirname, 'fake-process.ts'), [JSON.stringify(options)]);
	let ready: FakeReady;
	try {
		ready = await firstMessage<FakeReady>(child, START_TIMEOUT_MS, 'fake fal server');
	} catch (error) {
		child.kill();
		throw error;
	}
	const { baseUrl, key } = ready;
	const { queueUrl, runUrl, restUrl, platformUrl } = ready.hosts;
	const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${baseUrl}/__fake/${path}`, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(10_000),
		});
		if (!response.ok) throw new Error(`fake control ${method} ${path}: HTTP ${response.status}`);
		return (await response.json()) as T;
	};
	return {
		baseUrl,
		key,
		pid: child.pid ?? -1,
		hosts: { queueUrl, runUrl, restUrl, platformUrl },
		reset: () => control<unknown>('POST', 'reset').then(() => undefined),
		configure: (tunable) => control<unknown>('POST', 'config', tunable).then(() => undefined),
		requests: () => control<RecordedRequest[]>('GET', 'requests'),
		jobs: () => control<JobView[]>('GET', 'jobs'),
		stop: async () => {
			if (child.connected) child.send('close');
			await exited(child, STOP_TIMEOUT_MS);
		},
	};
}
