/**
 * The `fake` key a test may put in a model input to steer one job:
 * `{"fake": {"queueMs": 0, "runMs": 500, "fail": "model_error" | "validation" | "payload_error",
 * "mediaBytes": 524288000}}` (`mediaBytes`: the output's media files are padded to that size),
 * and `"webhookEvents": ["IN_QUEUE", "IN_PROGRESS"]`: signed deliveries with those statuses sent
 * before the final one (other event kinds fal might send, which receivers must acknowledge), and
 * `"bigSeed": "17454220438242315174"`: the output's seed, written as that exact JSON integer.
 * It is removed before the input is recorded as the model input.
 */
import type { ValidationItem } from './models';
import { MAX_MEDIA_BYTES } from './padded-media';

export type FakeFailure = 'model_error' | 'validation' | 'payload_error';

export interface FakeDirectives {
	queueMs?: number;
	runMs?: number;
	fail?: FakeFailure;
	webhookEvents?: string[];
	/** Digits of a seed above 2^53 to report in the output (fal returns such seeds). */
	bigSeed?: string;
	/** The output's media files are served padded to this many bytes. */
	mediaBytes?: number;
}

export function splitFakeDirectives(input: unknown): { input: unknown; directives: FakeDirectives } {
	if (!input || typeof input !== 'object' || Array.isArray(input) || !('fake' in input)) {
		return { input, directives: {} };
	}
	const { fake, ...modelInput } = input as Record<string, unknown>;
	const raw = (fake ?? {}) as Record<string, unknown>;
	const directives: FakeDirectives = {};
	if (typeof raw.queueMs === 'number') directives.queueMs = raw.queueMs;
	if (typeof raw.runMs === 'number') directives.runMs = raw.runMs;
	if (typeof raw.mediaBytes === 'number' && Number.isInteger(raw.mediaBytes) && raw.mediaBytes > 0 && raw.mediaBytes <= MAX_MEDIA_BYTES) {
		directives.mediaBytes = raw.mediaBytes;
	}
	if (raw.fail === 'model_error' || raw.fail === 'validation' || raw.fail === 'payload_error') directives.fail = raw.fail;
	if (Array.isArray(raw.webhookEvents)) directives.webhookEvents = raw.webhookEvents.filter((status): status is string => typeof status === 'string');
	if (typeof raw.bigSeed === 'string' && /^\d+$/.test(raw.bigSeed)) directives.bigSeed = raw.bigSeed;
	return { input: modelInput, directives };
}

/** What a failing model answers on its result (the status code and body fal relays). */
export interface ModelFailure {
	status: number;
	body: unknown;
	/** The `error` / `error_type` of the COMPLETED status. */
	error: string;
	errorType: string;
}

export function modelFailure(kind: 'model_error' | 'validation'): ModelFailure {
	if (kind === 'validation') {
		const item: ValidationItem = {
			loc: ['body', 'prompt'],
			msg: 'The prompt was rejected by the model (fake validation failure)',
			type: 'value_error',
		};
		return { status: 422, body: { detail: [item] }, error: 'Invalid status code: 422', errorType: 'validation_error' };
	}
	return {
		status: 500,
		body: { detail: 'Model execution failed (fake model error)' },
		error: 'Invalid status code: 500',
		errorType: 'internal_server_error',
	};
}
