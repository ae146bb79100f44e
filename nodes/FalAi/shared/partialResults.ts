/**
 * Stream mode's partial results, sent on to whoever streams this execution's response (a Chat
 * Trigger or Webhook node with streaming on) through n8n's `sendChunk` — `begin`, one `item`
 * per partial, `end`, as n8n's own AI Agent sends them.
 *
 * `sendChunk` and `isStreaming` exist on n8n-workflow 2.8's IExecuteFunctions, but are
 * feature-detected: an older n8n, or an execution nobody streams, gets none (the final result is
 * the node's output either way). Text results (an LLM's `output`, a transcript's `text`) are
 * sent as the text added since the previous partial, so a chat shows it growing; other partials
 * are sent as JSON.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

export interface PartialSender {
	push(data: unknown): void;
	end(): void;
}

type StreamingContext = Partial<Pick<IExecuteFunctions, 'sendChunk' | 'isStreaming'>>;

/** A sender for item `itemIndex`, or undefined when nothing streams this execution. */
export function partialSender(ctx: StreamingContext, itemIndex: number): PartialSender | undefined {
	if (typeof ctx.sendChunk !== 'function' || typeof ctx.isStreaming !== 'function' || !ctx.isStreaming()) return undefined;
	const send = ctx.sendChunk.bind(ctx);
	let begun = false;
	let previousText = '';
	return {
		push(data: unknown) {
			if (!begun) send('begin', itemIndex);
			begun = true;
			const text = textOf(data);
			if (text === undefined) {
				send('item', itemIndex, (data && typeof data === 'object' ? data : { result: data }) as IDataObject);
				return;
			}
			const added = text.startsWith(previousText) ? text.slice(previousText.length) : text;
			previousText = text;
			if (added) send('item', itemIndex, added);
		},
		end() {
			if (begun) send('end', itemIndex);
		},
	};
}

function textOf(data: unknown): string | undefined {
	if (!data || typeof data !== 'object') return typeof data === 'string' ? data : undefined;
	const record = data as Record<string, unknown>;
	for (const key of ['output', 'text']) if (typeof record[key] === 'string') return record[key] as string;
	return undefined;
}
