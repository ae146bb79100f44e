import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text as streamText } from 'node:stream/consumers';

import { MediaDownloadError, openMedia as openMediaWith } from '../../nodes/FalAi/client/webhooks';
import { createTestTransport } from '../support/testClient';

const transport = createTestTransport('unused-key');
const openMedia = (url: string) => openMediaWith(transport, url);
/** A body as text, whether it streamed or was decoded in memory. */
const text = async (body: AsyncIterable<Uint8Array> | Buffer) => (Buffer.isBuffer(body) ? body.toString() : await streamText(body));

describe('openMedia', () => {
	let server: Server;
	let base: string;

	beforeAll(async () => {
		server = createServer((request, response) => {
			if (request.url === '/file.txt') {
				response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' });
				response.end('hello');
			} else if (request.url === '/moved') {
				response.writeHead(302, { location: '/file.txt' });
				response.end();
			} else {
				response.writeHead(404);
				response.end('missing');
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	it('streams a file with its type and size', async () => {
		const media = await openMedia(`${base}/file.txt`);
		expect(media.contentType).toBe('text/plain');
		expect(media.size).toBe(5);
		expect(await text(media.body)).toBe('hello');
	});

	it('follows redirects to storage', async () => {
		expect(await text((await openMedia(`${base}/moved`)).body)).toBe('hello');
	});

	it('fails with the status on a non-2xx answer', async () => {
		await expect(openMedia(`${base}/gone`)).rejects.toMatchObject({ name: 'MediaDownloadError', statusCode: 404 });
	});

	it('decodes base64 and percent-encoded data URIs', async () => {
		const base64 = await openMedia(`data:image/png;base64,${Buffer.from('png!').toString('base64')}`);
		expect(base64.contentType).toBe('image/png');
		expect(await text(base64.body)).toBe('png!');
		expect(await text((await openMedia('data:text/plain,a%20b')).body)).toBe('a b');
	});

	it('refuses other URL schemes', async () => {
		await expect(openMedia('file:///etc/passwd')).rejects.toBeInstanceOf(MediaDownloadError);
	});
});
