/**
 * The JSON fal POSTs to a webhook URL when a queued request ends.
 */
import { parseJsonExact } from '../exactIntegers';

/** One delivery: the outcome of one queued request. */
export interface FalWebhookPayload {
	request_id: string;
	/** Differs from `request_id` only when fal retried the request server-side. */
	gateway_request_id: string;
	/**
	 * `OK` when the model returned a result, `ERROR` when the request failed. fal documents only
	 * these two, but other event kinds (`IN_QUEUE`, `IN_PROGRESS`) are reported elsewhere, so any
	 * other non-empty status is passed on for the receiver to ignore (see {@link isFinalStatus}).
	 */
	status: string;
	/** The model output on success; on failure fal's error body (e.g. `{detail: [...]}`); null when not serialisable. */
	payload: unknown;
	/** On failure, fal's summary, e.g. `Invalid status code: 422`. */
	error?: string;
	/** Why `payload` is null when the output could not be serialised. */
	payload_error?: string;
}

/** The statuses a delivery ends a request with; anything else is an event receivers may ignore. */
export const FINAL_WEBHOOK_STATUSES: readonly string[] = ['OK', 'ERROR'];

/** True for `OK` and `ERROR`, the outcomes of a request. */
export function isFinalStatus(status: string): status is 'OK' | 'ERROR' {
	return FINAL_WEBHOOK_STATUSES.includes(status);
}

export type ParsedWebhookPayload = { ok: true; value: FalWebhookPayload } | { ok: false; message: string };

/** Parses and checks a delivery body (raw bytes or an already parsed value). */
export function parseFalWebhookPayload(body: Buffer | unknown): ParsedWebhookPayload {
	const parsed = Buffer.isBuffer(body) ? parseJson(body) : { ok: true as const, value: body };
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { ok: false, message: 'The webhook body is not a JSON object' };
	}
	const record = value as Record<string, unknown>;
	if (typeof record.request_id !== 'string' || record.request_id === '') {
		return { ok: false, message: 'The webhook body has no request_id' };
	}
	if (typeof record.status !== 'string' || record.status.trim() === '') {
		return { ok: false, message: `The webhook body has no status, got ${JSON.stringify(record.status)}` };
	}
	const payload: FalWebhookPayload = {
		request_id: record.request_id,
		gateway_request_id:
			typeof record.gateway_request_id === 'string' && record.gateway_request_id !== ''
				? record.gateway_request_id
				: record.request_id,
		status: record.status,
		payload: record.payload ?? null,
	};
	if (typeof record.error === 'string') payload.error = record.error;
	if (typeof record.payload_error === 'string') payload.payload_error = record.payload_error;
	return { ok: true, value: payload };
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: parseJsonExact(body.toString('utf8')) };
	} catch {
		return { ok: false, message: 'The webhook body is not valid JSON' };
	}
}
