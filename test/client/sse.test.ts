import { FalProtocolError } from '../../nodes/FalAi/client';
import { parseSse, type SseEvent } from '../../nodes/FalAi/client/sse';

async function collect(chunks: Array<string | Buffer>, maxLineLength?: number): Promise<SseEvent[]> {
	async function* source() {
		for (const chunk of chunks) yield chunk;
	}
	const events: SseEvent[] = [];
	for await (const event of parseSse(source(), { maxLineLength })) events.push(event);
	return events;
}

async function failure(chunks: Array<string | Buffer>, maxLineLength?: number): Promise<unknown> {
	return collect(chunks, maxLineLength).then(
		() => undefined,
		(error: unknown) => error,
	);
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

	it('skips a byte order mark at the start of the stream, in bytes or text', async () => {
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('data: {"a":1}\n\n')]);
		expect((await collect([bytes])).map((event) => event.data)).toEqual(['{"a":1}']);
		expect((await collect(['\uFEFF', 'data: {"a":2}\n\n'])).map((event) => event.data)).toEqual(['{"a":2}']);
	});

	it('keeps a byte order mark that is not at the start (it is data)', async () => {
		const events = await collect(['data: a\n\n', '\uFEFFdata: b\n\n']);
		expect(events.map((event) => event.data)).toEqual(['a']);
	});

	it('fails with a protocol error when a line never ends within the bound', async () => {
		const error = await failure(['data: ', 'x'.repeat(600), 'y'.repeat(600)], 1000);
		expect(error).toBeInstanceOf(FalProtocolError);
		expect((error as Error).message).toMatch(/longer than 1000 characters/);
	});

	it('fails with a protocol error when one event\'s data lines add up past the bound', async () => {
		const line = `data: ${'x'.repeat(300)}\n`;
		const error = await failure([line, line, line, line, '\n'], 1000);
		expect(error).toBeInstanceOf(FalProtocolError);
	});

	it('accepts lines up to the bound, however they are split', async () => {
		const data = 'z'.repeat(900);
		const events = await collect([`data: ${data.slice(0, 400)}`, `${data.slice(400)}\n\n`], 1000);
		expect(events.map((event) => event.data)).toEqual([data]);
	});
});
