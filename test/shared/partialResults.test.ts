/**
 * Stream mode's partial results sent on with n8n's sendChunk, when the execution streams.
 */
import { partialSender } from '../../nodes/FalAi/shared/partialResults';

function streamingContext(streaming: boolean) {
	const chunks: Array<[string, number, unknown]> = [];
	return {
		chunks,
		ctx: {
			isStreaming: () => streaming,
			sendChunk: (type: 'begin' | 'item' | 'end' | 'error', itemIndex: number, content?: unknown) => {
				chunks.push([type, itemIndex, content]);
			},
		},
	};
}

describe('partialSender', () => {
	it('sends begin, the text added by each partial, then end', () => {
		const { ctx, chunks } = streamingContext(true);
		const sender = partialSender(ctx, 2)!;
		sender.push({ output: 'The', partial: true });
		sender.push({ output: 'The fox', partial: true });
		sender.push({ output: 'The fox runs', partial: true });
		sender.end();
		expect(chunks).toEqual([
			['begin', 2, undefined],
			['item', 2, 'The'],
			['item', 2, ' fox'],
			['item', 2, ' runs'],
			['end', 2, undefined],
		]);
	});

	it('sends partials without text as JSON', () => {
		const { ctx, chunks } = streamingContext(true);
		const sender = partialSender(ctx, 0)!;
		sender.push({ progress: 0.5 });
		expect(chunks[1]).toEqual(['item', 0, { progress: 0.5 }]);
	});

	it('sends nothing when the execution does not stream, or n8n has no sendChunk', () => {
		expect(partialSender(streamingContext(false).ctx, 0)).toBeUndefined();
		expect(partialSender({}, 0)).toBeUndefined();
	});
});
