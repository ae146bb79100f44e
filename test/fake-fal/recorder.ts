/**
 * The request log tests assert on: every request that reaches the fake, in arrival order.
 */
import type { IncomingMessage } from 'node:http';

import { queryOf } from './http-util';
import type { Kind, RecordedRequest } from './types';

export class Recorder {
	readonly requests: RecordedRequest[] = [];
	private nextId = 1;

	record(req: IncomingMessage, url: URL, kind: Kind, details: Partial<Pick<RecordedRequest, 'endpointId' | 'requestId'>>): RecordedRequest {
		const recorded: RecordedRequest = {
			id: this.nextId++,
			method: req.method ?? 'GET',
			path: url.pathname,
			query: queryOf(url),
			headers: { ...req.headers },
			bodySize: 0,
			kind,
			at: Date.now(),
		};
		if (details.endpointId) recorded.endpointId = details.endpointId;
		if (details.requestId) recorded.requestId = details.requestId;
		this.requests.push(recorded);
		return recorded;
	}

	of(kind: Kind): RecordedRequest[] {
		return this.requests.filter((request) => request.kind === kind);
	}

	clear(): void {
		this.requests.length = 0;
	}
}
