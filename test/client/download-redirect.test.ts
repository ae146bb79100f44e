import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestFalClient } from '../support/testClient';

/**
 * A media host behind a redirect: the first hop lies under a configured fal base URL, the
 * second does not. The key may only travel on the first.
 */
describe('download across redirects', () => {
	let server: Server;
	let base: string;
	const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

	beforeAll(async () => {
		server = createServer((req, res) => {
			seen.push({ path: req.url ?? '', headers: req.headers });
			if (req.url === '/fal/files/out') {
				res.writeHead(302, { location: '/cdn/abc/out.png' }).end();
			} else if (req.url === '/cdn/abc/out.png') {
				res
					.writeHead(200, {
						'content-type': 'image/png',
						'content-length': '7',
						'content-disposition': 'attachment; filename="result.png"',
					})
					.end('PNGDATA');
			} else {
				res.writeHead(404).end();
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('follows the redirect and sends the key only to the configured fal host', async () => {
		const client = createTestFalClient({ credentials: 'redirect-key-123456', hosts: { restUrl: `${base}/fal` } });
		try {
			const file = await client.download(`${base}/fal/files/out`);
			const chunks: Buffer[] = [];
			for await (const chunk of file.body) chunks.push(chunk as Buffer);
			expect(Buffer.concat(chunks).toString()).toBe('PNGDATA');
			expect(file).toMatchObject({ contentType: 'image/png', fileName: 'result.png', size: 7 });
		} finally {
			await client.close();
		}
		expect(seen.map((request) => [request.path, request.headers.authorization])).toEqual([
			['/fal/files/out', 'Key redirect-key-123456'],
			['/cdn/abc/out.png', undefined],
		]);
	});
});
