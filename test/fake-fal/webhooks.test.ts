import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { signWebhook, startFakeFal, type FakeFal } from './index';
import { submit, waitFor } from './test-http';

interface Received {
	headers: IncomingHttpHeaders;
	body: Buffer;
}

let fal: FakeFal;
let receiver: Server;
let receiverUrl: string;
let received: Received[];
/** Statuses the receiver answers, in order; 200 once used up. */
let answers: number[];

beforeAll(async () => {
	fal = await startFakeFal({ queueMs: 0, runMs: 10, webhookRetries: 2, webhookRetryDelayMs: 5, extraJwksKeys: 1 });
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(answers.shift() ?? 200).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
	await fal.close();
	await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
	fal.reset();
	received = [];
	answers = [];
});

/** Verifies a delivery the way a receiver must: against any key of the JWKS, served over HTTP. */
async function verifiedByJwks(delivery: Received): Promise<boolean> {
	const jwks = (await (await fetch(fal.hosts.jwksUrl)).json()) as { keys: Array<Record<string, string>> };
	const header = (name: string): string => String(delivery.headers[name]);
	const message = [
		header('x-fal-webhook-request-id'),
		header('x-fal-webhook-user-id'),
		header('x-fal-webhook-timestamp'),
		createHash('sha256').update(delivery.body).digest('hex'),
	].join('\n');
	const signature = Buffer.from(header('x-fal-webhook-signature'), 'hex');
	return jwks.keys.some((jwk) => verify(null, Buffer.from(message), createPublicKey({ key: jwk, format: 'jwk' }), signature));
}

const hookQuery = (): string => `?fal_webhook=${encodeURIComponent(receiverUrl)}`;

describe('webhooks', () => {
	it('serves a JWKS of Ed25519 public keys, retired ones included', async () => {
		const jwks = (await (await fetch(fal.hosts.jwksUrl)).json()) as { keys: Array<Record<string, string>> };
		expect(jwks.keys).toHaveLength(2);
		for (const key of jwks.keys) expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: expect.any(String) });
		expect(fal.requestsOf('jwks')).toHaveLength(1);
	});

	it('POSTs fal\'s OK payload for a finished job, signed so that it verifies against the JWKS', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'hooked' }, {}, hookQuery());
		await waitFor(() => received.length === 1);
		const delivery = received[0];
		expect(JSON.parse(delivery.body.toString())).toEqual({
			request_id: job.request_id,
			gateway_request_id: job.request_id,
			status: 'OK',
			payload: expect.objectContaining({ prompt: 'hooked', images: expect.any(Array) }),
		});
		expect(delivery.headers).toMatchObject({
			'x-fal-webhook-request-id': job.request_id,
			'x-fal-webhook-user-id': 'fake-user',
			'x-fal-webhook-timestamp': expect.stringMatching(/^\d{10}$/),
			'x-fal-webhook-signature': expect.stringMatching(/^[0-9a-f]{128}$/),
		});
		expect(Math.abs(Number(delivery.headers['x-fal-webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
		expect(await verifiedByJwks(delivery)).toBe(true);
		await waitFor(() => fal.job(job.request_id)?.deliveries.length === 1);
		expect(fal.job(job.request_id)?.deliveries[0]).toMatchObject({ status: 200, attempt: 1, url: receiverUrl });
	});

	it('sends an ERROR payload with the model\'s error body when the model fails', async () => {
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { fail: 'validation' } }, {}, hookQuery());
		await waitFor(() => received.length === 1);
		expect(JSON.parse(received[0].body.toString())).toMatchObject({
			status: 'ERROR',
			error: 'Invalid status code: 422',
			payload: { detail: [expect.objectContaining({ loc: ['body', 'prompt'] })] },
		});
	});

	it('sends payload null with payload_error when the output cannot be carried', async () => {
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { fail: 'payload_error' } }, {}, hookQuery());
		await waitFor(() => received.length === 1);
		expect(JSON.parse(received[0].body.toString())).toMatchObject({ status: 'OK', payload: null, payload_error: expect.any(String) });
	});

	it('retries a non-2xx answer with the same signed body, up to the retry limit', async () => {
		answers = [500, 503, 500];
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' }, {}, hookQuery());
		await waitFor(() => fal.webhookDeliveries.length === 3);
		expect(fal.webhookDeliveries.map((delivery) => [delivery.attempt, delivery.status])).toEqual([
			[1, 500],
			[2, 503],
			[3, 500],
		]);
		expect(new Set(received.map((delivery) => delivery.body.toString())).size).toBe(1);
	});

	it('stops retrying once the receiver answers 2xx', async () => {
		answers = [502];
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' }, {}, hookQuery());
		await waitFor(() => fal.webhookDeliveries.some((delivery) => delivery.status === 200));
		expect(fal.webhookDeliveries.map((delivery) => delivery.status)).toEqual([502, 200]);
	});

	it('drops the retries still waiting when reset, so a cleared job never delivers again', async () => {
		answers = [500];
		fal.configure({ webhookRetryDelayMs: 100 });
		try {
			await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' }, {}, hookQuery());
			await waitFor(() => fal.webhookDeliveries.length === 1);
			fal.reset();
			// Well past the retry's delay: a retry that survived the reset would have arrived.
			await new Promise((resolve) => setTimeout(resolve, 400));
			expect(received).toHaveLength(1);
			expect(fal.webhookDeliveries).toEqual([]);
		} finally {
			fal.configure({ webhookRetryDelayMs: 5 });
		}
	});

	it('never delivers to a non-loopback address', async () => {
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' }, {}, `?fal_webhook=${encodeURIComponent('http://example.com/hook')}`);
		await waitFor(() => fal.webhookDeliveries.length === 1);
		expect(fal.webhookDeliveries[0]).toMatchObject({ status: 0, error: expect.stringContaining('loopback') });
	});

	it('signs hand-made deliveries with the served key (signWebhook), and foreign keys do not verify', async () => {
		const body = Buffer.from(JSON.stringify({ request_id: 'r-1', status: 'OK', payload: {} }));
		const headers = fal.signWebhook(body, { requestId: 'r-1', timestamp: 1_700_000_000 });
		expect(headers['x-fal-webhook-timestamp']).toBe('1700000000');
		expect(await verifiedByJwks({ headers, body })).toBe(true);
		const { privateKey } = generateKeyPairSync('ed25519');
		const forged = signWebhook(privateKey, body, { requestId: 'r-1', userId: 'fake-user', timestamp: 1_700_000_000 });
		expect(await verifiedByJwks({ headers: forged, body })).toBe(false);
		expect(await verifiedByJwks({ headers, body: Buffer.from(body.toString().replace('OK', 'KO')) })).toBe(false);
	});
});
