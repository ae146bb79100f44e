/**
 * Shared set-up of the client's integration tests: a fake fal, a client pointed at it with tiny
 * retry delays, and a recorder of the client's log events.
 */
import { startFakeFal, type FakeFal } from '../fake-fal';
import type { FalClient, FalClientLogEvent } from '../../nodes/FalAi/client';
import { createTestFalClient, type TestClientConfig } from '../support/testClient';

export interface Harness {
	fal: FakeFal;
	client: FalClient;
	logs: FalClientLogEvent[];
	/** A second client, e.g. with another key; closed with the harness. */
	makeClient(overrides?: Partial<TestClientConfig>): FalClient;
}

/** Milliseconds, not seconds: tests exercise the retry paths, not the waiting. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, jitter: 0.25 };

/** Starts a fake and a client before each test of the calling `describe`, and closes both after. */
export function useHarness(fakeOptions: Parameters<typeof startFakeFal>[0] = {}): Harness {
	const harness = { logs: [] as FalClientLogEvent[] } as Harness;
	const clients: FalClient[] = [];
	beforeEach(async () => {
		harness.fal = await startFakeFal({ port: 0, queueMs: 20, runMs: 40, ...fakeOptions });
		harness.logs.length = 0;
		harness.makeClient = (overrides = {}) => {
			const client = createTestFalClient({
				credentials: harness.fal.key,
				hosts: harness.fal.hosts,
				retry: FAST_RETRY,
				logger: (event) => harness.logs.push(event),
				...overrides,
			});
			clients.push(client);
			return client;
		};
		harness.client = harness.makeClient();
	});
	afterEach(async () => {
		await Promise.all(clients.splice(0).map((client) => client.close()));
		await harness.fal.close();
	});
	return harness;
}

/** Runs `work`, expecting it to throw, and returns what it threw. */
export async function caught(work: () => Promise<unknown>): Promise<Error> {
	try {
		await work();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the call to fail, but it succeeded');
}

/** Every rendering of an error a user or a log could see. */
export function renderings(error: unknown): string {
	const value = error as Error & { cause?: unknown };
	return [String(value), value.message, value.stack, JSON.stringify(value), JSON.stringify(value.cause ?? null)].join('\n');
}

/** The key and the parts of a `KEY_ID:KEY_SECRET` key, any of which would be a leak. */
export function secretsOf(key: string): string[] {
	return [key, ...key.split(':').filter((part) => part.length >= 6)];
}

/** A download's body as a stream of chunks, whether it streamed or was decoded in memory. */
export async function* chunksOf(body: AsyncIterable<Uint8Array> | Buffer): AsyncGenerator<Uint8Array> {
	if (Buffer.isBuffer(body)) yield body;
	else yield* body;
}

/** A download's whole body. */
export async function bytesOf(body: AsyncIterable<Uint8Array> | Buffer): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of chunksOf(body)) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}
