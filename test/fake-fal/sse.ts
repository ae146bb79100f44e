/**
 * The status stream (`…/requests/{id}/status/stream`): one `data:` event with the status JSON
 * now and on every change, `: ping` comments as keep-alive, closed by the server after the
 * COMPLETED event. With logs on, each event carries only the logs that are new since the last.
 */
import type { ServerResponse } from 'node:http';

import { detail, flag, sendEvent, startEventStream, type Reply } from './http-util';
import type { Job } from './queue';
import type { FakeContext, RequestContext } from './routes';
import { statusBody } from './status-body';

export function streamStatus(context: FakeContext, job: Job | undefined, request: RequestContext): Reply {
	if (!job) return detail(404, 'Request not found');
	const withLogs = flag(request.url.searchParams.get('logs'));
	const cutAfter = request.cutAfterEvents;
	return {
		stream: (res: ServerResponse) => {
			startEventStream(res, { 'x-fal-request-id': job.requestId });
			let logsSent = 0;
			let eventsSent = 0;
			let ended = false;
			const stopPing = context.timers.every(context.settings.keepAliveMs, () => res.write(': ping\n\n'));
			const finish = (): void => {
				if (ended) return;
				ended = true;
				unsubscribe();
				stopPing();
				res.end();
			};
			const push = (): void => {
				if (ended) return;
				// A cut-stream fault ends the stream early and never lets COMPLETED through.
				if (cutAfter !== undefined && (eventsSent >= cutAfter || job.state === 'COMPLETED')) return finish();
				const logs = withLogs ? job.logs.slice(logsSent) : null;
				logsSent = job.logs.length;
				sendEvent(res, statusBody(context.queue, job, logs));
				eventsSent++;
				if (job.state === 'COMPLETED') finish();
			};
			const unsubscribe = context.queue.subscribe(job, push);
			res.on('close', finish);
			push();
		},
	};
}
