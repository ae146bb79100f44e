/**
 * What every route module gives the server: how to recognise its requests, and how to answer.
 */
import type { IncomingMessage } from 'node:http';

import type { Faults } from './faults';
import type { Reply } from './http-util';
import type { JobQueue } from './queue';
import type { RealtimeFake } from './realtime';
import type { Recorder } from './recorder';
import type { Settings } from './settings';
import type { Storage } from './storage';
import type { Timers } from './timers';
import type { Kind, RecordedRequest } from './types';
import type { Webhooks } from './webhooks';

/** Everything the handlers share: one per running fake. */
export interface FakeContext {
	settings: Settings;
	timers: Timers;
	queue: JobQueue;
	storage: Storage;
	webhooks: Webhooks;
	recorder: Recorder;
	faults: Faults;
	/** The realtime WebSocket endpoints and the tokens they accept. */
	realtime: RealtimeFake;
	/** `http://127.0.0.1:PORT` (known once listening). */
	baseUrl(): string;
}

/** `required`: the API key must be sent; `optional`: a key, when sent, must be right; `none`: no key. */
export type AuthRule = 'required' | 'optional' | 'none';

export interface RequestContext {
	req: IncomingMessage;
	url: URL;
	/** The parsed JSON (or text) body; undefined for streamed uploads. */
	body: unknown;
	recorded: RecordedRequest;
	/** Set by a `cut-stream` fault: SSE handlers end the stream after this many events. */
	cutAfterEvents?: number;
}

export interface Route {
	kind: Kind;
	endpointId?: string;
	requestId?: string;
	auth: AuthRule;
	/** The handler reads the body itself (uploads stream to disk). */
	streamsBody?: boolean;
	handle(context: RequestContext): Promise<Reply> | Reply;
}
