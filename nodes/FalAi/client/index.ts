/**
 * The internal fal client: `createFalClient(config)` returns a {@link FalClient} whose calls all
 * go through the one {@link HttpTransport} it is given. Knows nothing of n8n: the package hands
 * it n8n's HTTP stack (../transport), tests and the benchmark may hand it another.
 *
 * @example
 * const fal = createFalClient({ credentials: key, transport });
 * try {
 *   const { data } = await fal.queue.subscribe('fal-ai/flux/dev', { prompt: 'a fox' }, { timeoutMs: 60_000 });
 * } finally {
 *   await fal.close();
 * }
 */
import { createContext } from './context';
import { download } from './download';
import { createPlatformClient } from './platform';
import { createQueueClient } from './queue';
import { RealtimeSession } from './realtime/session';
import { runDirect, streamOutput } from './run';
import { createStorageClient } from './storage';
import type { FalClient, FalClientConfig } from './types';

export function createFalClient(config: FalClientConfig): FalClient {
	const ctx = createContext(config);
	let closed: Promise<void> | undefined;
	return {
		hosts: ctx.hosts,
		queue: createQueueClient(ctx),
		storage: createStorageClient(ctx),
		platform: createPlatformClient(ctx),
		run: (endpointId, input, options) => runDirect(ctx, endpointId, input, options),
		stream: (endpointId, input, options) => streamOutput(ctx, endpointId, input, options),
		download: (url, options) => download(ctx, url, options),
		realtime: (options) => new RealtimeSession(ctx, options),
		close: () => (closed ??= ctx.transport.close?.() ?? Promise.resolve()),
	};
}

export type * from './types';
export type { HttpTransport, TransportRequest, TransportResponse, ByteStream } from './transport';
export { TransportError } from './transport';
export { errorCodeOf } from './transportErrors';
export { DEFAULT_HOSTS, resolveHosts, isUnderConfiguredHost } from './hosts';
export { parseEndpointId, buildRequestUrl, submitUrl, type ParsedEndpointId } from './endpoint';
export {
	FalError,
	FalApiError,
	FalValidationError,
	FalNetworkError,
	FalProtocolError,
	FalTimeoutError,
	FalAbortError,
	FalModelError,
	FalEndpointIdError,
	describeDetail,
	type FalFieldError,
	type FalApiErrorInit,
} from './errors';
export {
	RealtimeSession,
	FalRealtimeError,
	FalRealtimeDropError,
	FalRealtimeConnectError,
	FalRealtimeUnavailableError,
	type RealtimeSessionOptions,
	type RealtimeResult,
	type WebSocketFactory,
} from './realtime/session';
export { fileNameFromDisposition, fileNameFromUrl } from './download';
export { DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE, DEFAULT_PART_CONCURRENCY } from './storage';
