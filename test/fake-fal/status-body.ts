/**
 * The JSON of a queue status (the same for a status call and each status-stream event).
 */
import type { Job, JobQueue } from './queue';
import type { JobLog } from './types';

/**
 * @param logs the logs to include: all of them for a status call with `logs=1`, only the new ones
 * for a stream event, null when logs were not asked for.
 */
export function statusBody(queue: JobQueue, job: Job, logs: JobLog[] | null): Record<string, unknown> {
	const body: Record<string, unknown> = { status: job.state, request_id: job.requestId, ...queue.urlsOf(job) };
	if (job.state === 'IN_QUEUE') {
		body.queue_position = queue.positionOf(job) ?? 0;
		return body;
	}
	body.logs = logs;
	if (job.state === 'COMPLETED') {
		if (job.startedAt && !job.timedOut) {
			body.metrics = { inference_time: ((job.completedAt ?? Date.now()) - job.startedAt) / 1000 };
		}
		if (job.error) {
			body.error = job.error;
			body.error_type = job.errorType;
		}
	}
	return body;
}
