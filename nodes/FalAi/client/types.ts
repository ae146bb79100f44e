/**
 * The public shape of the internal fal queue client.
 *
 * This module tree knows nothing of n8n: nodes depend on these interfaces only, and the
 * implementation speaks fal's HTTP protocol (see ../shared/fal-protocol.md) through the
 * {@link HttpTransport} it is given.
 */
import type { RealtimeSession, RealtimeSessionOptions } from './realtime/session';
import type { ByteStream, HttpTransport } from './transport';

/** Where fal lives. Every base URL is overridable so proxies, gateways and the fake can be used. */
export interface FalHosts {
	/** Queue API, default `https://queue.fal.run`. */
	queueUrl: string;
	/** Direct (synchronous) run, default `https://fal.run`. */
	runUrl: string;
	/** REST API (storage uploads), default `https://rest.fal.ai`. */
	restUrl: string;
	/** Platform API (model catalogue, OpenAPI, pricing), default `https://api.fal.ai/v1`. */
	platformUrl: string;
}

export interface RetryOptions {
	/** Attempts after the first one. */
	maxRetries: number;
	/** First backoff delay in ms; doubles each attempt. */
	baseDelayMs: number;
	/** Upper bound of a single backoff delay. */
	maxDelayMs: number;
	/** Relative jitter, 0.25 = ±25 %. */
	jitter: number;
	/**
	 * Longest server `Retry-After` honoured (default 120 000 ms). When fal asks for a longer wait,
	 * the call fails at once with an error saying when to retry.
	 */
	maxRetryAfterMs?: number;
}

/** A structured log event. Never contains the API key. */
export interface FalClientLogEvent {
	level: 'debug' | 'info' | 'warn';
	message: string;
	method?: string;
	url?: string;
	status?: number;
	attempt?: number;
	delayMs?: number;
}

export interface FalClientConfig {
	/**
	 * `KEY` or `KEY_ID:KEY_SECRET`. The transport sends it (`Authorization: Key …`); the client
	 * holds it only to scrub it from every message, log event and error body.
	 */
	credentials: string;
	/** Carries the requests: n8n's HTTP helpers in the package (see ../transport). */
	transport: HttpTransport;
	hosts?: Partial<FalHosts>;
	/** Override the retry policy of each kind of call (tests shrink the delays). */
	retry?: Partial<RetryOptions>;
	/** Receives debug/retry events (already redacted). */
	logger?: (event: FalClientLogEvent) => void;
}

export type QueueStatusName = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';

export interface FalLog {
	message: string;
	level?: string;
	source?: string;
	timestamp?: string;
}

export interface QueueStatus {
	status: QueueStatusName;
	request_id: string;
	response_url?: string;
	status_url?: string;
	cancel_url?: string;
	/** 0-based, only while IN_QUEUE. */
	queue_position?: number;
	logs?: FalLog[] | null;
	metrics?: { inference_time?: number | null } & Record<string, unknown>;
	/** Present on COMPLETED when the model itself failed. */
	error?: string;
	error_type?: string;
}

/** Everything needed to address one queued request; URLs from submit are preferred when present. */
export interface RequestRef {
	endpointId: string;
	requestId: string;
	statusUrl?: string;
	responseUrl?: string;
	cancelUrl?: string;
}

export interface QueueSubmission extends RequestRef {
	statusUrl: string;
	responseUrl: string;
	cancelUrl: string;
	queuePosition?: number;
}

export interface CallOptions {
	signal?: AbortSignal;
}

export interface SubmitOptions extends CallOptions {
	/** Sent as `?fal_webhook=`. */
	webhookUrl?: string;
	priority?: 'normal' | 'low';
	/** `X-Fal-Runner-Hint`. */
	runnerHint?: string;
	/** `X-Fal-Request-Timeout` in seconds (bounds the time before processing starts). */
	requestTimeoutSeconds?: number;
	/** `X-Fal-No-Retry: 1`. */
	noRetry?: boolean;
	/** false sends `X-Fal-Store-IO: 0`. */
	storeIo?: boolean;
	/** `X-Fal-Object-Lifecycle-Preference` for output media. */
	mediaExpirationSeconds?: number;
}

export interface StatusOptions extends CallOptions {
	logs?: boolean;
	/**
	 * Status stream only: give up on a stream that sends no byte for this long (default 45 000 ms;
	 * fal pings every ~15 s, so silence means a dead connection).
	 */
	idleTimeoutMs?: number;
}

export interface WaitOptions extends CallOptions {
	logs?: boolean;
	/** Give up (and cancel the fal request) after this many ms. */
	timeoutMs?: number;
	/** 'stream' follows SSE and falls back to polling; 'poll' only polls. Default 'stream'. */
	mode?: 'stream' | 'poll';
	/** First poll interval in ms (grows up to maxPollIntervalMs). */
	pollIntervalMs?: number;
	maxPollIntervalMs?: number;
	/** Called on every status update (queue position, logs). */
	onUpdate?: (status: QueueStatus) => void;
	/** When false, a timeout or abort does not cancel the fal request. Default true. */
	cancelOnAbort?: boolean;
	/** A status stream silent for this long is dropped for polling (default 45 000 ms). */
	streamIdleTimeoutMs?: number;
}

export interface FalResult<T = unknown> {
	requestId: string;
	data: T;
}

/** fal's own cancel statuses (`OK` and `CANCELLATION_REQUESTED` both mean fal stops the request). */
export type CancelOutcome = 'OK' | 'CANCELLATION_REQUESTED' | 'ALREADY_COMPLETED' | 'NOT_FOUND';

export interface RunOptions extends CallOptions, Omit<SubmitOptions, 'webhookUrl' | 'signal'> {
	/**
	 * How long the answer may take, replacing the transport's default (n8n's HTTP stack: 300 s),
	 * so a direct run can last as long as the node's timeout; 0 = no limit (the signal bounds it).
	 */
	responseTimeoutMs?: number;
}

export interface UploadOptions extends CallOptions {
	fileName?: string;
	contentType?: string;
	/**
	 * Size in bytes when known. A buffer takes one PUT below `multipartThreshold`; a stream takes
	 * one PUT only when it fits in one part (it is read first), otherwise it goes multipart.
	 */
	size?: number;
	/** Lifetime of the stored file (`X-Fal-Object-Lifecycle` and `X-Fal-Object-Lifecycle-Preference`). */
	expirationSeconds?: number;
	/** Force multipart at or above this many bytes (default 90 MB). */
	multipartThreshold?: number;
	/** Multipart part size (default 10 MB). */
	partSize?: number;
	/** Parts in flight at once (default 2). */
	partConcurrency?: number;
}

export interface UploadedFile {
	url: string;
	contentType: string;
	fileName: string;
	size: number;
}

/** A stream of bytes (what n8n's `getBinaryStream` returns, a download's body) or bytes in memory. */
export type UploadSource = ByteStream | Buffer | Uint8Array;

export interface ModelSearchOptions extends CallOptions {
	query?: string;
	category?: string;
	limit?: number;
	cursor?: string;
	/** Look up these exact endpoints instead of searching. */
	endpointIds?: string[];
	/** Add each endpoint's OpenAPI 3 document. */
	expandOpenApi?: boolean;
	/**
	 * Also list deprecated models. A search sends `status=active` unless this is true; a lookup
	 * of given `endpointIds` never filters (a workflow may still use a deprecated model).
	 */
	includeDeprecated?: boolean;
}

export interface ModelInfo {
	endpoint_id: string;
	metadata?: {
		display_name?: string;
		category?: string;
		description?: string;
		status?: string;
		tags?: string[];
		[key: string]: unknown;
	};
	openapi?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ModelSearchPage {
	models: ModelInfo[];
	next_cursor: string | null;
	has_more: boolean;
}

export interface QueueClient {
	submit(endpointId: string, input: unknown, options?: SubmitOptions): Promise<QueueSubmission>;
	status(ref: RequestRef, options?: StatusOptions): Promise<QueueStatus>;
	/** SSE status stream; ends after COMPLETED. */
	streamStatus(ref: RequestRef, options?: StatusOptions): AsyncIterable<QueueStatus>;
	/** Waits until COMPLETED; on timeout or abort cancels the fal request, then throws. */
	waitForCompletion(ref: RequestRef, options?: WaitOptions): Promise<QueueStatus>;
	result<T = unknown>(ref: RequestRef, options?: CallOptions): Promise<FalResult<T>>;
	cancel(ref: RequestRef, options?: CallOptions): Promise<CancelOutcome>;
	/** submit + waitForCompletion + result; a model failure throws its error. */
	subscribe<T = unknown>(
		endpointId: string,
		input: unknown,
		options?: SubmitOptions & Omit<WaitOptions, 'signal'>,
	): Promise<FalResult<T> & { submission: QueueSubmission; status: QueueStatus }>;
}

export interface StorageClient {
	upload(source: UploadSource, options?: UploadOptions): Promise<UploadedFile>;
}

/** One endpoint's price: `unit_price` USD per `unit` (e.g. "images", "seconds", "1000 characters"). */
export interface EndpointPrice {
	endpoint_id: string;
	unit_price: number;
	unit: string;
	currency: string;
}

export interface CostEstimateRequest {
	/** `unit_price`: quantity in the endpoint's units; `historical_api_price`: quantity in calls. */
	estimateType: 'unit_price' | 'historical_api_price';
	endpoints: Array<{ endpointId: string; quantity: number }>;
}

export interface CostEstimate {
	estimate_type: string;
	total_cost: number;
	currency: string;
	[key: string]: unknown;
}

/** Query parameters of a platform GET; arrays repeat the parameter. */
export type PlatformQuery = Record<string, string | number | boolean | string[] | undefined>;

/** One page of a cursor-paged platform list. */
export interface Page {
	entries: Array<Record<string, unknown>>;
	next_cursor: string | null;
	has_more: boolean;
}

export interface PlatformClient {
	searchModels(options?: ModelSearchOptions): Promise<ModelSearchPage>;
	/** Unit prices; endpoints without a published price are missing from the answer. */
	pricing(endpointIds: string[], options?: CallOptions): Promise<EndpointPrice[]>;
	estimateCost(request: CostEstimateRequest, options?: CallOptions): Promise<CostEstimate>;
	/** `GET /models/usage` as fal answers it. */
	usage(query: PlatformQuery, options?: CallOptions): Promise<unknown>;
	/** `GET /models/analytics` as fal answers it. */
	analytics(query: PlatformQuery, options?: CallOptions): Promise<unknown>;
	/** One page of `GET /models/requests/by-endpoint`. */
	listRequests(query: PlatformQuery, options?: CallOptions): Promise<Page & { raw: unknown }>;
	deletePayloads(requestId: string, options?: CallOptions): Promise<unknown>;
	/** One page of `GET /workflows`. */
	listWorkflows(query: PlatformQuery, options?: CallOptions): Promise<Page & { raw: unknown }>;
	/** The workflow of `GET /workflows/{owner}/{name}` (`workflows/` prefix allowed), unwrapped. */
	getWorkflow(workflowId: string, options?: CallOptions): Promise<Record<string, unknown>>;
}

export interface DownloadedFile {
	/** The streamed body, or the bytes of a decoded `data:` URI. */
	body: ByteStream | Buffer;
	contentType?: string;
	size?: number;
	fileName?: string;
}

export interface FalClient {
	readonly hosts: FalHosts;
	queue: QueueClient;
	storage: StorageClient;
	platform: PlatformClient;
	/** Direct run on `fal.run`: never retried after the request may have reached fal. */
	run<T = unknown>(endpointId: string, input: unknown, options?: RunOptions): Promise<FalResult<T>>;
	/** Streaming output (`fal.run/{id}/stream`): yields partial results, the last is final. */
	stream<T = unknown>(endpointId: string, input: unknown, options?: RunOptions): AsyncIterable<T>;
	/**
	 * Opens a streamed GET of a media URL (result files) without buffering it; a `data:` URI is
	 * decoded into bytes instead.
	 */
	download(url: string, options?: CallOptions): Promise<DownloadedFile>;
	/** Closes the transport's pooled connections, if it keeps any. */
	close(): Promise<void>;
	/** Opens a realtime session (fal's WebSocket) for a batch of inputs to one endpoint. */
	realtime?(options: RealtimeSessionOptions): RealtimeSession;
}
