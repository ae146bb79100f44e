import { parseSse, type SseEvent } from '../../nodes/FalAi/client/sse';

async function collect(chunks: Array<string | Buffer>): Promise<SseEvent[]> {
	async function* source() {
		for (const chunk of chunks) yield chunk;
	}
	const events: SseEvent[] = [];
	for await (const event of parseSse(source())) events.push(event);
	return events;
}

describe('parseSse', () => {
	it('yields one event per blank-line-terminated block', async () => {
		const events = await collect(['data: {"a":1}\n\ndata: {"a":2}\n\n']);
		expect(events.map((event) => event.data)).toEqual(['{"a":1}', '{"a":2}']);
		expect(events[0].event).toBe('message');
	});

	it('joins multi-line data with newlines', async () => {
		const events = await collect(['data: first\ndata: second\ndata:third\n\n']);
		expect(events).toEqual([{ event: 'message', data: 'first\nsecond\nthird', id: undefined }]);
	});

	it('skips comments such as keep-alive pings', async () => {
		const events = await collect([': ping\n\n', 'data: x\n', ': ping\n', '\n']);
		expect(events.map((event) => event.data)).toEqual(['x']);
	});

	it('accepts CRLF and lone CR line endings, even split across chunks', async () => {
		const events = await collect(['data: a\r', '\n\r', '\ndata: b\r\rdata: c\r\n\r\n']);
		expect(events.map((event) => event.data)).toEqual(['a', 'b', 'c']);
	});

	it('reads event names and ids', async () => {
		const events = await collect(['event: error\nid: 7\ndata: {}\n\n']);
		expect(events).toEqual([{ event: 'error', id: '7', data: '{}' }]);
	});

	it('reassembles UTF-8 characters split between chunks', async () => {
		const bytes = Buffer.from('data: café ☕\n\n', 'utf8');
		const events = await collect([bytes.subarray(0, 10), bytes.subarray(10, 13), bytes.subarray(13)]);
		expect(events[0].data).toBe('café ☕');
	});

	it('drops an unterminated event at the end of the stream', async () => {
		const events = await collect(['data: complete\n\ndata: {"cut', ' off']);
		expect(events.map((event) => event.data)).toEqual(['complete']);
	});

	it('ignores blocks without data lines', async () => {
		const events = await collect(['event: noop\n\nid: 3\n\ndata: y\n\n']);
		expect(events.map((event) => [event.event, event.data])).toEqual([['message', 'y']]);
	});
});
