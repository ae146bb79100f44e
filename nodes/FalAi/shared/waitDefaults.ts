/**
 * A view of a fal client whose waits use other polling defaults.
 *
 * Waiting follows fal's status stream and only polls when the stream breaks; the client's
 * default polling (0.5 s growing to 5 s) suits jobs of seconds. Jobs that run for minutes
 * (video) are better served by slower polling, which this sets without touching the client.
 */
import type { FalClient, QueueClient, WaitOptions } from '../client/types';

/** Polling settings applied to every `queue.waitForCompletion` unless the call sets its own. */
export type WaitDefaults = Pick<WaitOptions, 'pollIntervalMs' | 'maxPollIntervalMs' | 'mode'>;

/** The same client (same connections) whose `queue.waitForCompletion` starts from `defaults`. */
export function withWaitDefaults(client: FalClient, defaults: WaitDefaults): FalClient {
	const queue = client.queue;
	const patientQueue: QueueClient = {
		submit: (endpointId, input, options) => queue.submit(endpointId, input, options),
		status: (ref, options) => queue.status(ref, options),
		streamStatus: (ref, options) => queue.streamStatus(ref, options),
		waitForCompletion: (ref, options) => queue.waitForCompletion(ref, { ...defaults, ...definedOnly(options) }),
		result: <T>(...args: Parameters<QueueClient['result']>) => queue.result<T>(...args),
		cancel: (ref, options) => queue.cancel(ref, options),
		subscribe: <T>(endpointId: string, input: unknown, options?: Parameters<QueueClient['subscribe']>[2]) =>
			queue.subscribe<T>(endpointId, input, { ...defaults, ...definedOnly(options) }),
	};
	return {
		hosts: client.hosts,
		queue: patientQueue,
		storage: client.storage,
		platform: client.platform,
		run: <T>(...args: Parameters<FalClient['run']>) => client.run<T>(...args),
		stream: <T>(...args: Parameters<FalClient['stream']>) => client.stream<T>(...args),
		download: (url, options) => client.download(url, options),
		close: () => client.close(),
	};
}

/** The entries of `options` that are set, so an explicit `undefined` does not erase a default. */
function definedOnly<T extends object>(options: T | undefined): Partial<T> {
	const defined: Partial<T> = {};
	for (const [key, value] of Object.entries(options ?? {})) {
		if (value !== undefined) (defined as Record<string, unknown>)[key] = value;
	}
	return defined;
}
