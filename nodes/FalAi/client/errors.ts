/**
 * Typed errors of the fal client.
 *
 * Every message is meant to be shown to an n8n user as is: it names the call, the HTTP status,
 * fal's own explanation and the request id, and never contains the API key (messages and bodies
 * are redacted before they reach these constructors).
 */
import { statusText } from './statusText';
import type { QueueStatus } from './types';

/** Base class, so callers can tell the client's errors from everything else. */
export class FalError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = new.target.name;
	}

	/** Plain data for logs and n8n error output; subclasses add their fields. */
	toJSON(): Record<string, unknown> {
		return { name: this.name, message: this.message };
	}
}

/** An endpoint id that cannot be addressed, e.g. a single segment. */
export class FalEndpointIdError extends FalError {
	constructor(
		readonly endpointId: string,
		hint: string,
	) {
		super(`Invalid fal endpoint id ${JSON.stringify(endpointId)}: ${hint}`);
	}
}

/** What the client knows about a failed HTTP answer (already redacted). */
export interface FalApiErrorInit {
	status: number;
	method: string;
	/** Origin and path only. */
	url: string;
	requestId?: string;
	/** fal's `detail` (string, validation array or object), or the raw body when there is none. */
	detail?: unknown;
	errorType?: string;
	/** From `X-Fal-Retryable`, when the server said. */
	retryable?: boolean;
	/** The wait fal asked for (`Retry-After`), in ms, when it asked. */
	retryAfterMs?: number;
	/** When the error was received (ms since the epoch); dates {@link retryAfterMs}. Default now. */
	receivedAt?: number;
	body?: unknown;
}

/** fal answered with an error status. */
export class FalApiError extends FalError {
	readonly status: number;
	readonly method: string;
	readonly url: string;
	readonly requestId?: string;
	readonly detail?: unknown;
	readonly errorType?: string;
	readonly retryable?: boolean;
	/** The wait fal asked for before a retry, in ms. */
	readonly retryAfterMs?: number;
	/** The earliest time fal said a retry may succeed (from `Retry-After`). */
	readonly retryAt?: Date;
	readonly body?: unknown;

	constructor(init: FalApiErrorInit, message?: string) {
		super(message ?? apiErrorMessage(init));
		this.status = init.status;
		this.method = init.method;
		this.url = init.url;
		this.requestId = init.requestId;
		this.detail = init.detail;
		this.errorType = init.errorType;
		this.retryable = init.retryable;
		this.retryAfterMs = init.retryAfterMs;
		this.retryAt = retryAtOf(init);
		this.body = init.body;
	}

	toJSON(): Record<string, unknown> {
		return {
			...super.toJSON(),
			status: this.status,
			method: this.method,
			url: this.url,
			requestId: this.requestId,
			errorType: this.errorType,
			retryable: this.retryable,
			retryAfterMs: this.retryAfterMs,
			retryAt: this.retryAt?.toISOString(),
			detail: this.detail,
		};
	}
}

/** One problem with one input field, from a 422 `detail` array. */
export interface FalFieldError {
	/** Dotted path without the leading `body`, e.g. `image_size.width` or `loras[0].path`. */
	field: string;
	message: string;
	type?: string;
}

const CONTENT_POLICY = 'content_policy_violation';

/** 422: fal (or the model) rejected the input. `fieldErrors` lists each field's problem. */
export class FalValidationError extends FalApiError {
	readonly fieldErrors: FalFieldError[];
	/** True when the input was refused by fal's content policy, not by a schema rule. */
	readonly contentPolicyViolation: boolean;

	constructor(init: FalApiErrorInit) {
		const fieldErrors = fieldErrorsOf(init.detail);
		const contentPolicyViolation =
			init.errorType === CONTENT_POLICY || fieldErrors.some((error) => error.type === CONTENT_POLICY);
		super(init, validationMessage(init, fieldErrors, contentPolicyViolation));
		this.fieldErrors = fieldErrors;
		this.contentPolicyViolation = contentPolicyViolation;
	}

	toJSON(): Record<string, unknown> {
		return { ...super.toJSON(), fieldErrors: this.fieldErrors, contentPolicyViolation: this.contentPolicyViolation };
	}
}

/** The connection failed before any answer arrived. */
export class FalNetworkError extends FalError {
	constructor(
		message: string,
		readonly method: string,
		readonly url: string,
		/** Transport error code, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`. */
		readonly code: string | undefined,
		/** False only when the request certainly never reached fal (safe to resend). */
		readonly mayHaveReachedServer: boolean,
	) {
		super(message);
	}

	toJSON(): Record<string, unknown> {
		return { ...super.toJSON(), method: this.method, url: this.url, code: this.code };
	}
}

/** fal answered 2xx with something the protocol does not allow (e.g. a submit without request id). */
export class FalProtocolError extends FalError {}

/** The client stopped waiting after `timeoutMs`; `cancelled` says whether fal was asked to cancel. */
export class FalTimeoutError extends FalError {
	constructor(
		readonly timeoutMs: number,
		readonly requestId: string | undefined,
		readonly cancelled: boolean,
	) {
		super(
			`fal request ${requestId ?? ''} did not complete within ${timeoutMs} ms` +
				(cancelled ? '; it was cancelled on fal' : '; it was left running on fal'),
		);
	}

	toJSON(): Record<string, unknown> {
		return { ...super.toJSON(), timeoutMs: this.timeoutMs, requestId: this.requestId, cancelled: this.cancelled };
	}
}

/** The caller's AbortSignal fired; `cancelled` says whether fal was asked to cancel. */
export class FalAbortError extends FalError {
	constructor(
		readonly requestId?: string,
		readonly cancelled = false,
	) {
		super(
			requestId
				? `fal request ${requestId} was aborted` + (cancelled ? ' and cancelled on fal' : '')
				: 'fal call was aborted',
		);
	}

	toJSON(): Record<string, unknown> {
		return { ...super.toJSON(), requestId: this.requestId, cancelled: this.cancelled };
	}
}

/** The request COMPLETED but the model failed (status carries `error`). */
export class FalModelError extends FalError {
	readonly requestId: string;
	readonly errorType?: string;
	/** The result call's error details, when fal gave any. */
	readonly detail?: unknown;

	constructor(
		readonly queueStatus: QueueStatus,
		resultError?: FalApiError,
	) {
		const type = queueStatus.error_type ? ` (${queueStatus.error_type})` : '';
		const extra = resultError && describeDetail(resultError.detail);
		super(
			`fal model failed${type}: ${queueStatus.error ?? 'unknown error'}` +
				(extra && extra !== queueStatus.error ? ` - ${extra}` : '') +
				` [request ${queueStatus.request_id}]`,
			{ cause: resultError },
		);
		this.requestId = queueStatus.request_id;
		this.errorType = queueStatus.error_type;
		this.detail = resultError?.detail;
	}

	toJSON(): Record<string, unknown> {
		return { ...super.toJSON(), requestId: this.requestId, errorType: this.errorType, detail: this.detail };
	}
}

/** Chooses the error class for an HTTP error answer. */
export function apiErrorFor(init: FalApiErrorInit): FalApiError {
	return init.status === 422 ? new FalValidationError(init) : new FalApiError(init);
}

/** `fal.ai answered 401 Unauthorized to POST https://…: <detail> (type …) [request …]` */
function apiErrorMessage(init: FalApiErrorInit): string {
	const detail = describeDetail(init.detail);
	return `${statusLine(init)}${detail ? `: ${detail}` : ''}${suffix(init)}`;
}

function validationMessage(init: FalApiErrorInit, fields: FalFieldError[], contentPolicy: boolean): string {
	const head = contentPolicy
		? `fal.ai refused the input (content policy violation, ${init.status}) for ${init.method} ${init.url}`
		: `fal.ai rejected the input (${init.status} ${statusText(init.status) ?? ''}) for ${init.method} ${init.url}`;
	const lines = fields.length
		? fields.map((error) => `${error.field}: ${error.message}`)
		: [describeDetail(init.detail) || 'no details given'];
	return `${head}${suffix(init)}\n${lines.join('\n')}`;
}

function statusLine(init: FalApiErrorInit): string {
	const reason = statusText(init.status);
	return `fal.ai answered ${init.status}${reason ? ` ${reason}` : ''} to ${init.method} ${init.url}`;
}

function suffix(init: FalApiErrorInit): string {
	return (
		(init.errorType ? ` (${init.errorType})` : '') +
		(init.requestId ? ` [request ${init.requestId}]` : '') +
		retryHint(init)
	);
}

/** `; fal asks to retry after 120 s (not before 2025-01-01T00:02:00.000Z)` when it asked. */
function retryHint(init: FalApiErrorInit): string {
	const at = retryAtOf(init);
	if (init.retryAfterMs === undefined || !at) return '';
	const seconds = Math.ceil(init.retryAfterMs / 1000);
	return `; fal asks to retry after ${seconds} s (not before ${at.toISOString()})`;
}

function retryAtOf(init: FalApiErrorInit): Date | undefined {
	if (init.retryAfterMs === undefined) return undefined;
	const at = new Date((init.receivedAt ?? Date.now()) + init.retryAfterMs);
	return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Turns fal's `detail` (string, array of `{loc,msg}`, object) into one readable line. */
export function describeDetail(detail: unknown): string {
	if (detail === undefined || detail === null || detail === '') return '';
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) {
		const fields = fieldErrorsOf(detail);
		if (fields.length) return fields.map((error) => `${error.field}: ${error.message}`).join('; ');
	}
	if (typeof detail === 'object') {
		const record = detail as Record<string, unknown>;
		for (const key of ['detail', 'message', 'error', 'msg']) {
			if (typeof record[key] === 'string' && record[key]) return record[key] as string;
		}
	}
	const json = JSON.stringify(detail);
	return json.length > 500 ? `${json.slice(0, 500)}…` : json;
}

/** Reads a 422 `detail` array; a plain-string detail gives no field errors. */
export function fieldErrorsOf(detail: unknown): FalFieldError[] {
	if (!Array.isArray(detail)) return [];
	return detail
		.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
		.map((item) => ({
			field: fieldPath(item.loc),
			message: typeof item.msg === 'string' ? item.msg : describeDetail(item.message ?? item),
			type: typeof item.type === 'string' ? item.type : undefined,
		}));
}

/** `['body', 'loras', 0, 'path']` → `loras[0].path`; an empty location means the whole input. */
function fieldPath(loc: unknown): string {
	if (!Array.isArray(loc)) return typeof loc === 'string' && loc ? loc : 'input';
	const parts = loc[0] === 'body' ? loc.slice(1) : loc;
	let path = '';
	for (const part of parts) {
		if (typeof part === 'number') path += `[${part}]`;
		else path += path ? `.${String(part)}` : String(part);
	}
	return path || 'input';
}
