/**
 * The fake's resolved options. One mutable object shared by all parts so `configure()` takes
 * effect for the next job / stream without a restart.
 */
import type { FakeFalOptions } from './types';

export type Settings = Required<FakeFalOptions>;

export const DEFAULT_KEY = 'fake-key-id:fake-key-secret';

export function resolveSettings(options: FakeFalOptions = {}): Settings {
	const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
	return {
		port: 0,
		key: DEFAULT_KEY,
		queueMs: 50,
		runMs: 100,
		concurrency: 2,
		keepAliveMs: 15_000,
		resultStatusBeforeDone: 400,
		userId: 'fake-user',
		webhookRetries: 3,
		webhookRetryDelayMs: 50,
		extraJwksKeys: 0,
		jwksHosting: 'both',
		cancelAnswers: 'documented',
		resultTtlMs: 60 * 60 * 1000,
		largeResultTtlMs: 6 * 60 * 1000,
		...defined,
	};
}
