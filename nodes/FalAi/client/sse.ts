/**
 * A Server-Sent Events parser over a streamed body (fal's status stream and streaming runs).
 *
 * Follows the WHATWG rules fal's servers rely on: lines end in LF, CRLF or CR; `data:` lines
 * of one event are joined with `\n`; lines starting with `:` are comments (fal's `: ping`
 * keep-alives); a blank line dispatches the event; an unterminated event at the end is dropped;
 * a byte order mark at the very start is skipped.
 *
 * A server that never ends a line would make the parser buffer without end, so a line (and the
 * data of one event) is bounded: past the bound the stream is a protocol error.
 */

import { parseJsonExact } from './exactIntegers';
import { FalProtocolError } from './errors';

export interface SseEvent {
	/** `event:` field; `message` when absent. */
	event: string;
	data: string;
	id?: string;
}

/** Default bound of one line and of one event's data: far above any status update fal sends. */
export const DEFAULT_MAX_SSE_LINE = 1024 * 1024;

export interface SseOptions {
	/** Longest line, and longest data of one event, in characters (default 1 MiB). */
	maxLineLength?: number;
}

const BOM = '\uFEFF';

/** Yields each complete event of `chunks` (Buffers or strings, split anywhere). */
export async function* parseSse(
	chunks: AsyncIterable<Buffer | Uint8Array | string>,
	options: SseOptions = {},
): AsyncGenerator<SseEvent> {
	const maxLine = options.maxLineLength ?? DEFAULT_MAX_SSE_LINE;
	// ignoreBOM keeps the mark in the text, so strings and bytes are handled alike below.
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	let pending = '';
	let event = new EventBuilder(maxLine);
	// A CR at the end of a chunk may be the first half of a CRLF split across chunks.
	let skipLeadingLf = false;
	let atStart = true;

	for await (const chunk of chunks) {
		pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		if (atStart && pending.length > 0) {
			atStart = false;
			if (pending.startsWith(BOM)) pending = pending.slice(1);
		}
		if (skipLeadingLf && pending.startsWith('\n')) pending = pending.slice(1);
		skipLeadingLf = false;
		let start = 0;
		for (let index = 0; index < pending.length; index++) {
			const char = pending[index];
			if (char !== '\n' && char !== '\r') continue;
			const line = pending.slice(start, index);
			if (char === '\r') {
				if (index + 1 < pending.length) {
					if (pending[index + 1] === '\n') index++;
				} else {
					skipLeadingLf = true;
				}
			}
			start = index + 1;
			const dispatched = event.takeLine(line);
			if (dispatched) {
				yield dispatched;
				event = new EventBuilder(maxLine);
			}
		}
		pending = pending.slice(start);
		if (pending.length > maxLine) {
			throw new FalProtocolError(`fal sent a stream line longer than ${maxLine} characters without ending it`);
		}
	}
}

/** Accumulates the fields of one event until a blank line. */
class EventBuilder {
	private data: string[] = [];
	private dataLength = 0;
	private eventName = '';
	private id?: string;

	constructor(private readonly maxLength: number) {}

	/** Feeds one line; returns the finished event when the line was blank and data was seen. */
	takeLine(line: string): SseEvent | undefined {
		if (line === '') return this.finish();
		if (line.startsWith(':')) return undefined;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') {
			this.dataLength += value.length + 1;
			if (this.dataLength > this.maxLength) {
				throw new FalProtocolError(`fal sent a stream event larger than ${this.maxLength} characters`);
			}
			this.data.push(value);
		}
		else if (field === 'event') this.eventName = value;
		else if (field === 'id') this.id = value;
		return undefined;
	}

	private finish(): SseEvent | undefined {
		if (this.data.length === 0) {
			this.eventName = '';
			return undefined;
		}
		return { event: this.eventName || 'message', data: this.data.join('\n'), id: this.id };
	}
}

/** Parses an event's JSON data; fal only sends JSON, so anything else is a protocol error. */
export function parseEventJson(event: SseEvent): unknown {
	let value: unknown;
	let valid = true;
	try {
		value = parseJsonExact(event.data);
	} catch {
		valid = false;
	}
	if (!valid) throw new FalProtocolError(`fal sent a stream event that is not JSON: ${event.data.slice(0, 200)}`);
	return value;
}
