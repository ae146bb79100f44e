/**
 * The verifier against the fake fal server's real deliveries: jobs submitted with
 * `?fal_webhook=` are delivered, signed, to a local receiver that verifies them with the key
 * set the fake publishes.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	findMediaReferences,
	JwksCache,
	parseFalWebhookPayload,
	verifyFalWebhookWithJwks,
	type FalWebhookVerification,
} from '../../nodes/FalAi/client/webhooks';
import { startFakeFal, type FakeFal } from '../fake-fal';
import { submitWithWebhook } from '../support/fakeFalWebhooks';
import { createTestTransport } from '../support/testClient';

const transport = createTestTransport('unused-key');

interface Received {
	rawBody: Buffer;
	headers: IncomingHttpHeaders;
	verdict: FalWebhookVerification;
}

describe('deliveries from the fake fal server', () => {
	let fal: FakeFal;
	let receiver: Server;
	let receiverUrl: string;
	let jwks: JwksCache;
	let received: Received[];

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0, queueMs: 0, runMs: 10, extraJwksKeys: 2 });
		jwks = new JwksCache({ url: fal.hosts.jwksUrl });
		receiver = createServer((incoming, response) => {
			const chunks: Buffer[] = [];
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
			incoming.on('end', async () => {
				const rawBody = Buffer.concat(chunks);
				const verdict = await verifyFalWebhookWithJwks({ rawBody, headers: incoming.headers, jwks, transport });
				received.push({ rawBody, headers: incoming.headers, verdict });
				response.writeHead(verdict.ok ? 200 : 401).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	});

	beforeEach(() => {
		received = [];
		fal.reset();
	});

	afterAll(async () => {
		await fal.close();
		receiver.closeAllConnections();
		await new Promise((resolve) => receiver.close(resolve));
	});

	const submit = (endpointId: string, input: unknown): Promise<string> => submitWithWebhook(fal, endpointId, receiverUrl, input);

	async function delivered(requestId: string): Promise<Received> {
		for (let attempt = 0; attempt < 400; attempt++) {
			const match = received.find((entry) => entry.verdict.ok && entry.verdict.requestId === requestId);
			if (match) return match;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		throw new Error(`no verified delivery for ${requestId}; got ${JSON.stringify(received.map((r) => r.verdict))}`);
	}

	it('verifies a success delivery and finds its images', async () => {
		const requestId = await submit('fal-ai/flux/dev', { prompt: 'a fox', num_images: 2 });
		const delivery = await delivered(requestId);
		const payload = parseFalWebhookPayload(delivery.rawBody);
		expect(payload).toMatchObject({ ok: true, value: { request_id: requestId, status: 'OK' } });
		const media = findMediaReferences(payload.ok ? payload.value.payload : undefined);
		expect(media.map((reference) => reference.name)).toEqual(['image_0', 'image_1']);
		expect(media[0].url.startsWith(fal.baseUrl)).toBe(true);
	});

	it('verifies a failure delivery and keeps the error body', async () => {
		const requestId = await submit('fal-ai/flux/dev', { prompt: 'a fox', fake: { fail: 'validation' } });
		const payload = parseFalWebhookPayload((await delivered(requestId)).rawBody);
		expect(payload).toMatchObject({ ok: true, value: { status: 'ERROR', error: expect.stringMatching(/422/) } });
	});

	it('fetched the key set once for all deliveries', async () => {
		await delivered(await submit('fal-ai/flux/schnell', { prompt: 'one' }));
		await delivered(await submit('fal-ai/flux/schnell', { prompt: 'two' }));
		expect(jwks.fetchCount).toBe(1);
	});

	it('accepts hand-made deliveries signed by the fake and rejects them once tampered with', async () => {
		const body = JSON.stringify({ request_id: 'hand-1', gateway_request_id: 'hand-1', status: 'OK', payload: {} });
		const headers = fal.signWebhook(body, { requestId: 'hand-1' });
		expect(await verifyFalWebhookWithJwks({ rawBody: Buffer.from(body), headers, jwks, transport })).toMatchObject({ ok: true });
		const tampered = Buffer.from(body.replace('"OK"', '"ERROR"'));
		expect(await verifyFalWebhookWithJwks({ rawBody: tampered, headers, jwks, transport })).toMatchObject({ reason: 'signature_mismatch' });
	});
});
