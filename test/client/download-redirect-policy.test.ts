/**
 * A model node's result download re-checks every redirect hop: a result file (here on the fake
 * fal's media host) that redirects to a private address outside the configured hosts is not
 * followed, and the fake's log shows no request to that address.
 */
import { createTestFalClient } from '../support/testClient';
import { startFakeFal, type FakeFal } from '../fake-fal';

describe('result downloads across redirects', () => {
	let fal: FakeFal;

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0 });
	});
	afterAll(async () => await fal.close());
	beforeEach(() => fal.reset());

	const clientFor = () => createTestFalClient({ credentials: fal.key, hosts: { queueUrl: fal.hosts.queueUrl, restUrl: fal.hosts.restUrl } });
	const requestsToLocalhost = () => fal.requests.filter((recorded) => String(recorded.headers.host).startsWith('localhost:'));

	it('refuses a redirect to a loopback address that is not one of the configured hosts', async () => {
		const internal = `http://localhost:${fal.port}/media/generated/internal/secret.png`;
		const client = clientFor();
		try {
			await expect(client.download(`${fal.hosts.mediaUrl}/redirect?to=${encodeURIComponent(internal)}`)).rejects.toThrow(
				/Refused to download media from localhost: it is a loopback address/,
			);
		} finally {
			await client.close();
		}
		expect(fal.requests.map((recorded) => recorded.path)).toEqual(['/media/redirect']);
		expect(requestsToLocalhost()).toEqual([]);
	});

	it('follows a redirect within the configured hosts and to public hosts', async () => {
		const client = clientFor();
		try {
			const target = `${fal.hosts.mediaUrl}/generated/a/image.png`;
			const file = await client.download(`${fal.hosts.mediaUrl}/redirect?to=${encodeURIComponent(target)}`);
			for await (const chunk of file.body) void chunk;
			expect(file.contentType).toBe('image/png');
		} finally {
			await client.close();
		}
		expect(fal.requests.map((recorded) => recorded.path)).toEqual(['/media/redirect', '/media/generated/a/image.png']);
	});
});
