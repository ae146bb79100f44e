/**
 * What a cancel answer means. fal documents the statuses `OK`, `CANCELLATION_REQUESTED`,
 * `ALREADY_COMPLETED` and `NOT_FOUND` in the body, but not the HTTP codes that come with them,
 * and "too late" answers have been seen as 400, 404 and 409 with only a `detail` text. So the
 * body's own status wins, then what a 4xx body says in words, then the code.
 */
import type { CancelOutcome } from './types';

const OUTCOMES: readonly CancelOutcome[] = ['OK', 'CANCELLATION_REQUESTED', 'ALREADY_COMPLETED', 'NOT_FOUND'];

/** The outcome fal reports for a cancel that it accepted (2xx), or undefined when it says nothing usable. */
export function statedCancelOutcome(body: unknown): CancelOutcome | undefined {
	const status = recordOf(body)?.status;
	if (typeof status !== 'string') return undefined;
	const upper = status.trim().toUpperCase();
	return OUTCOMES.find((outcome) => outcome === upper);
}

/**
 * The outcome a 4xx cancel answer stands for: the stated status, else "already completed" or
 * "not found" read from its text, else 404 → NOT_FOUND and 400/409 → ALREADY_COMPLETED.
 * Undefined when it means neither (then it is a real failure, e.g. a bad request id).
 */
export function refusedCancelOutcome(httpStatus: number, body: unknown): CancelOutcome | undefined {
	const stated = statedCancelOutcome(body);
	if (stated) return stated;
	const text = textOf(body).toLowerCase();
	if (/already[\s_-]*(completed|complete|finished|done)|has (already )?(completed|finished)|is (already )?(completed|finished)/.test(text)) {
		return 'ALREADY_COMPLETED';
	}
	if (/not[\s_-]*found|no such request|does not exist|unknown request/.test(text)) return 'NOT_FOUND';
	if (httpStatus === 404) return 'NOT_FOUND';
	if (httpStatus === 400 || httpStatus === 409) return 'ALREADY_COMPLETED';
	return undefined;
}

/** True for the outcomes in which fal stops (or has stopped) the request. */
export function cancelAccepted(outcome: CancelOutcome): boolean {
	return outcome === 'OK' || outcome === 'CANCELLATION_REQUESTED';
}

function textOf(body: unknown): string {
	if (typeof body === 'string') return body;
	const record = recordOf(body);
	if (!record) return '';
	return ['detail', 'message', 'error', 'status']
		.map((key) => record[key])
		.filter((value): value is string => typeof value === 'string')
		.join(' ');
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
