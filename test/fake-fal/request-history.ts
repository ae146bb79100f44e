/**
 * The account's request history on the fake: for every endpoint, the jobs really submitted to
 * this fake, then 250 past requests spread over the last 31 days (one every 3 hours, the newest
 * 90 minutes ago). Every 10th past request failed (500, "error"), every 7th other one was the
 * user's fault (422, "user_error"). Time ranges therefore hold known counts of past requests:
 * the last 24 hours 8, the last 7 days 56, the last 30 days 240.
 */
import type { FakeContext } from './routes';

export interface HistoricRequest {
	request_id: string;
	endpoint_id: string;
	status: 'success' | 'error' | 'user_error';
	status_code: number;
	sent_at: string;
	started_at: string;
	ended_at: string;
	/** Seconds. */
	duration: number;
	json_input: unknown;
	json_output: unknown;
}

const HOUR = 3_600_000;
export const PAST_REQUESTS = 250;

/** The endpoint's requests, newest first. */
export function requestHistory(context: FakeContext, endpointId: string, now = Date.now()): HistoricRequest[] {
	const live = context.queue
		.all()
		.filter((job) => job.endpointId === endpointId && job.completedAt !== undefined)
		.map((job): HistoricRequest => {
			const failed = job.error !== undefined;
			const ended = job.completedAt ?? now;
			return {
				request_id: job.requestId,
				endpoint_id: job.endpointId,
				status: failed ? (job.errorType === 'validation_error' ? 'user_error' : 'error') : 'success',
				status_code: failed ? (job.errorType === 'validation_error' ? 422 : 500) : 200,
				sent_at: new Date(job.submittedAt).toISOString(),
				started_at: new Date(job.startedAt ?? job.submittedAt).toISOString(),
				ended_at: new Date(ended).toISOString(),
				duration: Math.round((ended - (job.startedAt ?? job.submittedAt)) / 10) / 100,
				json_input: job.input,
				json_output: job.result?.body ?? null,
			};
		});
	const past = Array.from({ length: PAST_REQUESTS }, (_, index): HistoricRequest => {
		const ended = now - (index * 3 * HOUR + 1.5 * HOUR);
		const duration = 1 + (index % 5);
		const status = index % 10 === 9 ? 'error' : index % 7 === 6 ? 'user_error' : 'success';
		return {
			request_id: `past-${endpointId.replace(/[^a-z0-9]+/gi, '-')}-${index}`,
			endpoint_id: endpointId,
			status,
			status_code: status === 'success' ? 200 : status === 'error' ? 500 : 422,
			sent_at: new Date(ended - duration * 1000 - 500).toISOString(),
			started_at: new Date(ended - duration * 1000).toISOString(),
			ended_at: new Date(ended).toISOString(),
			duration,
			json_input: { prompt: `past request ${index}` },
			json_output: status === 'success' ? { note: 'output of a past request' } : { detail: 'failed' },
		};
	});
	return [...live.sort((a, b) => b.ended_at.localeCompare(a.ended_at)), ...past];
}
