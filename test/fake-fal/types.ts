/**
 * Public types of the fake fal server (see README.md, the contract other code is written against).
 */
import type { FakeRealtime } from './realtime';

/** What a recorded request was, decided by its method and path. */
export type Kind =
	| 'submit'
	| 'status'
	| 'status-stream'
	| 'result'
	| 'cancel'
	| 'run'
	| 'run-stream'
	| 'upload-initiate'
	| 'upload-put'
	| 'upload-initiate-multipart'
	| 'upload-part'
	| 'upload-complete'
	| 'media'
	| 'models'
	| 'pricing'
	| 'pricing-estimate'
	| 'delete-payloads'
	| 'usage'
	| 'analytics'
	| 'requests'
	| 'workflows'
	| 'workflow'
	| 'token'
	| 'jwks'
	| 'control'
	| 'unknown';

export interface RecordedRequest {
	/** 1-based, in arrival order. */
	id: number;
	method: string;
	/** Path as sent, without the query string (it includes the fake's prefix, e.g. `/queue/...`). */
	path: string;
	query: Record<string, string | string[]>;
	/** Lower-cased header names; `authorization` kept as sent so tests can assert on it. */
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or text; absent for binary uploads (see bodySize). */
	body?: unknown;
	/** Bytes received in the body. */
	bodySize: number;
	kind: Kind;
	/** Full endpoint id (for queue calls by request id: the id the job was submitted to). */
	endpointId?: string;
	requestId?: string;
	/** Date.now() at arrival. */
	at: number;
}

export type FaultAction =
	/** Answer with this status; fal's body shape and headers are used when `body` is omitted. */
	| { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	/** Destroy the socket before answering: the request is not processed. */
	| { type: 'drop' }
	/** Process the request (a submit creates a job), then destroy the socket instead of answering. */
	| { type: 'drop-after-processing' }
	/** Answer normally after a delay. */
	| { type: 'delay'; ms: number }
	/** SSE only: end the stream after N events without sending COMPLETED / the final result. */
	| { type: 'cut-stream'; afterEvents: number };

export interface FaultMatch {
	kind?: Kind | Kind[];
	method?: string;
	/** Tested against the path (no query string); a string is a RegExp source. */
	path?: string | RegExp;
	/** The request's full endpoint id must equal this. */
	endpointId?: string;
}

export interface FaultRule {
	match: FaultMatch;
	/** How many matching requests it applies to (default 1; Infinity = all). */
	times?: number;
	/** Let this many matching requests through first (default 0). */
	skip?: number;
	action: FaultAction;
}

export interface FakeFalOptions {
	/** Listen port, 0 = random free port. */
	port?: number;
	/** The only accepted credential, sent as `Authorization: Key <key>`. */
	key?: string;
	/** Time a job spends IN_QUEUE (ms). */
	queueMs?: number;
	/** Time a job spends IN_PROGRESS (ms); also the duration of a direct run. */
	runMs?: number;
	/** Jobs IN_PROGRESS at once; others wait in the queue with positions. */
	concurrency?: number;
	/** Interval of the SSE `: ping` keep-alive comment (ms). */
	keepAliveMs?: number;
	/** HTTP status of a result fetched before completion (fal: UNCONFIRMED, commonly 400). */
	resultStatusBeforeDone?: number;
	/** User id put in webhook signatures. */
	userId?: string;
	/** Attempts after the first failed webhook delivery. */
	webhookRetries?: number;
	/** Delay before the first webhook retry (ms); doubles each retry. */
	webhookRetryDelayMs?: number;
	/** Extra, unused Ed25519 keys listed BEFORE the signing key in the JWKS (tests "any key verifies"). */
	extraJwksKeys?: number;
	/**
	 * Where the webhook key set is served (fal moved from `rest.alpha.fal.ai` to `rest.fal.ai`;
	 * which host serves it is uncertain): `both` (default), `new-only` (`hosts.jwksUrl`),
	 * `old-only` (`hosts.legacyJwksUrl`), or `redirect` (both answer 301 to `hosts.redirectedJwksUrl`).
	 */
	jwksHosting?: JwksHosting;
	/**
	 * How cancel answers look (fal documents the body statuses, not the HTTP codes):
	 * `documented` (default) 202/400/404 with `{status}` CANCELLATION_REQUESTED / ALREADY_COMPLETED /
	 * NOT_FOUND; `ok` answers a successful cancel `200 {status: "OK"}`; `detail-only` answers "too
	 * late" and "unknown" with other 4xx codes (422, 410) and only a `detail` text.
	 */
	cancelAnswers?: CancelAnswers;
	/** How long results are kept after completion (fal: 1 h). */
	resultTtlMs?: number;
	/** How long results of 10 KB or more are kept (fal: 6 min). */
	largeResultTtlMs?: number;
}

export type CancelAnswers = 'documented' | 'ok' | 'detail-only';

export type JwksHosting = 'both' | 'new-only' | 'old-only' | 'redirect';

/** Options that can be changed on a running fake (`fal.configure`, `POST /__fake/config`). */
export type TunableOptions = Pick<
	FakeFalOptions,
	| 'queueMs'
	| 'runMs'
	| 'concurrency'
	| 'keepAliveMs'
	| 'resultStatusBeforeDone'
	| 'webhookRetries'
	| 'webhookRetryDelayMs'
	| 'jwksHosting'
	| 'cancelAnswers'
>;

export interface FakeFalHosts {
	queueUrl: string;
	runUrl: string;
	restUrl: string;
	platformUrl: string;
	/** The key set on the REST host (`rest.fal.ai`). */
	jwksUrl: string;
	/** The key set on the old REST host (`rest.alpha.fal.ai`). */
	legacyJwksUrl: string;
	/** Where both key set URLs redirect in `jwksHosting: 'redirect'`. */
	redirectedJwksUrl: string;
	mediaUrl: string;
}

export type JobState = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';

export interface JobLog {
	message: string;
	level: 'STDERR' | 'STDOUT' | 'ERROR' | 'INFO' | 'WARN' | 'DEBUG';
	source: string;
	timestamp: string;
}

export interface WebhookDelivery {
	requestId: string;
	url: string;
	/** 1 for the first try. */
	attempt: number;
	/** The receiver's HTTP status, 0 when it could not be reached. */
	status: number;
	error?: string;
	headers: Record<string, string>;
	/** The raw JSON text that was signed and sent. */
	body: string;
	at: number;
}

/** The result fal relays for a finished job: the model's status code, body and headers. */
export interface JobResult {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

/** A snapshot of one queued job. */
export interface JobView {
	requestId: string;
	endpointId: string;
	/** The model input (without the `fake` key). */
	input: unknown;
	state: JobState;
	cancelled: boolean;
	queuePosition?: number;
	priority: 'normal' | 'low';
	runnerHint?: string;
	requestTimeoutSeconds?: number;
	timedOut: boolean;
	noRetry: boolean;
	storeIo: boolean;
	/** Parsed `X-Fal-Object-Lifecycle-Preference`. */
	objectLifecycle?: unknown;
	webhookUrl?: string;
	deliveries: WebhookDelivery[];
	logs: JobLog[];
	submittedAt: number;
	startedAt?: number;
	completedAt?: number;
	/** The result response once COMPLETED. */
	result?: JobResult;
	error?: string;
	errorType?: string;
}

export interface SignWebhookMeta {
	requestId: string;
	userId?: string;
	/** Unix seconds; default now. */
	timestamp?: number;
}

export interface FakeFal {
	/** `http://127.0.0.1:PORT` */
	readonly baseUrl: string;
	readonly port: number;
	readonly hosts: FakeFalHosts;
	readonly key: string;
	readonly requests: RecordedRequest[];
	requestsOf(kind: Kind): RecordedRequest[];
	inject(rule: FaultRule): string;
	removeFault(id: string): void;
	clearFaults(): void;
	/** The realtime WebSocket endpoints: counters, the prompts run, fault injection (see ../realtime.ts). */
	readonly realtime: FakeRealtime;
	reset(): void;
	configure(options: TunableOptions): void;
	job(requestId: string): JobView | undefined;
	readonly jobs: JobView[];
	readonly webhookDeliveries: WebhookDelivery[];
	/** Headers fal would send with this exact body. */
	signWebhook(body: string | Buffer, meta: SignWebhookMeta): Record<string, string>;
	/** The public keys as served at the JWKS URL. */
	readonly jwks: { keys: Array<Record<string, string>> };
	close(): Promise<void>;
}
