/**
 * The fake fal server: a faithful, standalone implementation of fal's HTTP protocol on
 * 127.0.0.1 for tests, the benchmark and `npm run fake-fal`. See README.md (the contract).
 *
 * ```ts
 * const fal = await startFakeFal({ port: 0 });
 * fal.hosts.queueUrl; // http://127.0.0.1:PORT/queue
 * await fal.close();
 * ```
 */
import type { AddressInfo } from 'node:net';

import { Faults } from './faults';
import { JobQueue } from './queue';
import { attachRealtime, RealtimeFake } from './realtime';
import { Recorder } from './recorder';
import type { FakeContext } from './routes';
import { createFakeServer } from './server';
import { resolveSettings, type Settings } from './settings';
import { Storage } from './storage';
import { Timers } from './timers';
import type { FakeFal, FakeFalHosts, FakeFalOptions, TunableOptions } from './types';
import { Webhooks } from './webhooks';

export * from './types';
export { signWebhook, webhookPayload } from './webhooks';
export { makePng, makeWav, MP4_BYTES, JPEG_BYTES } from './media';
export { CATALOG } from './catalog';
export { DEFAULT_KEY } from './settings';

/** Starts a fake fal on 127.0.0.1 and resolves once it listens. */
export async function startFakeFal(options: FakeFalOptions = {}): Promise<FakeFal> {
	const settings = resolveSettings(options);
	const timers = new Timers();
	let baseUrl = 'http://127.0.0.1';
	const webhooks = new Webhooks(settings, timers);
	const context: FakeContext = {
		settings,
		timers,
		webhooks,
		queue: new JobQueue(settings, timers, () => baseUrl, (job) => webhooks.deliver(job)),
		storage: new Storage(() => baseUrl),
		recorder: new Recorder(),
		faults: new Faults(),
		realtime: new RealtimeFake(settings, timers, () => baseUrl),
		baseUrl: () => baseUrl,
	};
	let port = 0;

	const fake: FakeFal = {
		get baseUrl() {
			return baseUrl;
		},
		get port() {
			return port;
		},
		get hosts() {
			return hostsOf(baseUrl);
		},
		key: settings.key,
		get requests() {
			return context.recorder.requests;
		},
		requestsOf: (kind) => context.recorder.of(kind),
		inject: (rule) => context.faults.add(rule),
		removeFault: (id) => context.faults.remove(id),
		clearFaults: () => context.faults.clear(),
		realtime: context.realtime,
		reset: () => {
			context.recorder.clear();
			context.faults.clear();
			context.queue.clear();
			context.webhooks.clear();
			context.realtime.reset();
			// Stored uploads too: a benchmark's 500 MB would otherwise sit on disk until close().
			context.storage.clear();
		},
		configure: (tunable: TunableOptions) => {
			for (const [name, value] of Object.entries(tunable)) {
				if (typeof value === 'number' && name in settings && name !== 'port') (settings as unknown as Record<string, number>)[name] = value;
				if (name === 'jwksHosting' && typeof value === 'string') settings.jwksHosting = value as Settings['jwksHosting'];
				if (name === 'cancelAnswers' && typeof value === 'string') settings.cancelAnswers = value as Settings['cancelAnswers'];
			}
		},
		job: (requestId) => {
			const job = context.queue.get(requestId);
			return job ? context.queue.view(job) : undefined;
		},
		get jobs() {
			return context.queue.all().map((job) => context.queue.view(job));
		},
		get webhookDeliveries() {
			return context.webhooks.deliveries;
		},
		signWebhook: (body, meta) => context.webhooks.sign(body, meta),
		get jwks() {
			return context.webhooks.jwks;
		},
		close: async () => {
			timers.close();
			context.realtime.close();
			context.queue.clear();
			context.webhooks.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			context.storage.close();
		},
	};

	const server = createFakeServer(context, fake);
	attachRealtime(server, context.realtime);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(settings.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	port = (server.address() as AddressInfo).port;
	baseUrl = `http://127.0.0.1:${port}`;
	return fake;
}

/** Where each fal host lives on the fake (README: one server, path prefixes). */
function hostsOf(baseUrl: string): FakeFalHosts {
	return {
		queueUrl: `${baseUrl}/queue`,
		runUrl: `${baseUrl}/run`,
		restUrl: `${baseUrl}/rest`,
		platformUrl: `${baseUrl}/api/v1`,
		jwksUrl: `${baseUrl}/rest/.well-known/jwks.json`,
		legacyJwksUrl: `${baseUrl}/rest-alpha/.well-known/jwks.json`,
		redirectedJwksUrl: `${baseUrl}/rest/.well-known/keys/current.json`,
		mediaUrl: `${baseUrl}/media`,
	};
}
