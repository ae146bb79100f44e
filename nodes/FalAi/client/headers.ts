/**
 * The `X-Fal-*` request headers that tune how fal runs a request (queue submit and direct run).
 */
import type { RunOptions } from './types';

/** Translates the run-time options into fal's headers; absent options send nothing. */
export function falRequestHeaders(options: RunOptions = {}): Record<string, string> {
	const headers: Record<string, string> = {};
	if (options.priority) headers['x-fal-queue-priority'] = options.priority;
	if (options.runnerHint) headers['x-fal-runner-hint'] = options.runnerHint;
	if (options.requestTimeoutSeconds !== undefined) {
		if (!(options.requestTimeoutSeconds > 1)) {
			throw new RangeError('fal client: requestTimeoutSeconds must be greater than 1 (fal rejects smaller values)');
		}
		headers['x-fal-request-timeout'] = String(options.requestTimeoutSeconds);
	}
	if (options.noRetry) headers['x-fal-no-retry'] = '1';
	if (options.storeIo === false) headers['x-fal-store-io'] = '0';
	if (options.mediaExpirationSeconds !== undefined) {
		headers['x-fal-object-lifecycle-preference'] = lifecycleJson(options.mediaExpirationSeconds);
	}
	return headers;
}

/** fal's object lifecycle JSON, shared by output media and uploaded files. */
export function lifecycleJson(expirationSeconds: number): string {
	if (!Number.isFinite(expirationSeconds) || expirationSeconds <= 0) {
		throw new RangeError('fal client: an expiration must be a positive number of seconds');
	}
	return JSON.stringify({ expiration_duration_seconds: Math.round(expirationSeconds) });
}
