/**
 * `/run/...`: the direct (synchronous) run answers the model output itself after the run time;
 * `/run/{id}/stream` answers Server-Sent Events with partial results, the last being the final one.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { acceptInput, isAccepted, type AcceptedInput } from './accept-input';
import { modelFailure } from './fake-input';
import { json, sendEvent, startEventStream, type Reply } from './http-util';
import { modelOutput, partialOutput } from './models';
import type { FakeContext, RequestContext, Route } from './routes';

const PARTIAL_EVENTS = 3;

export function classifyRun(context: FakeContext, method: string, segments: string[]): Route | undefined {
	if (method !== 'POST') return undefined;
	const streaming = segments.length > 2 && segments[segments.length - 1] === 'stream';
	const endpointId = (streaming ? segments.slice(0, -1) : segments).join('/');
	return {
		kind: streaming ? 'run-stream' : 'run',
		endpointId,
		auth: 'required',
		handle: (request) => (streaming ? runStream(context, endpointId, request) : run(context, endpointId, request)),
	};
}

interface AcceptedRun extends AcceptedInput {
	requestId: string;
}

/** Validates like the queue does; returns the error reply or the accepted run. */
function accept(rawId: string, { body, recorded }: RequestContext): Reply | AcceptedRun {
	const accepted = acceptInput(rawId, body);
	if (!isAccepted(accepted)) return accepted;
	const requestId = randomUUID();
	recorded.requestId = requestId;
	return { ...accepted, requestId };
}

async function run(context: FakeContext, rawId: string, request: RequestContext): Promise<Reply> {
	const accepted = accept(rawId, request);
	if (!('requestId' in accepted)) return accepted;
	const runMs = accepted.directives.runMs ?? context.settings.runMs;
	await context.timers.sleep(runMs);
	const headers = { 'x-fal-request-id': accepted.requestId };
	const fail = accepted.directives.fail;
	if (fail === 'model_error' || fail === 'validation') {
		const failure = modelFailure(fail);
		return json(failure.status, failure.body, headers);
	}
	const output = modelOutput(accepted.input, {
		...accepted,
		baseUrl: context.baseUrl(),
		inferenceSeconds: runMs / 1000,
		bigSeed: accepted.directives.bigSeed,
		mediaBytes: accepted.directives.mediaBytes,
	});
	return json(200, output, headers);
}

function runStream(context: FakeContext, rawId: string, request: RequestContext): Reply {
	const accepted = accept(rawId, request);
	if (!('requestId' in accepted)) return accepted;
	const runMs = accepted.directives.runMs ?? context.settings.runMs;
	const outputContext = { ...accepted, baseUrl: context.baseUrl(), inferenceSeconds: runMs / 1000, mediaBytes: accepted.directives.mediaBytes };
	const cutAfter = request.cutAfterEvents;
	return {
		stream: (res: ServerResponse) => {
			startEventStream(res, { 'x-fal-request-id': accepted.requestId });
			let sent = 0;
			let closed = false;
			const stops: Array<() => void> = [];
			const finish = (): void => {
				if (closed) return;
				closed = true;
				stops.forEach((stop) => stop());
				res.end();
			};
			res.on('close', finish);
			const emit = (step: number): void => {
				if (closed) return;
				const final = step === PARTIAL_EVENTS + 1;
				if (cutAfter !== undefined && (sent >= cutAfter || final)) return finish();
				if (final && accepted.directives.fail && accepted.directives.fail !== 'payload_error') {
					// A model failing mid-stream: fal sends the error as the last event.
					sendEvent(res, { ...(modelFailure(accepted.directives.fail).body as object), status: 'ERROR' });
				} else {
					sendEvent(res, final ? modelOutput(accepted.input, outputContext) : partialOutput(accepted.input, outputContext, step, PARTIAL_EVENTS));
				}
				sent++;
				if (final) finish();
			};
			for (let step = 1; step <= PARTIAL_EVENTS + 1; step++) {
				stops.push(context.timers.after((runMs * step) / (PARTIAL_EVENTS + 1), () => emit(step)));
			}
		},
	};
}
