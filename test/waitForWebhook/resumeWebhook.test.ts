/**
 * The resume webhook of "Wait for Webhook", run through n8n-core's real WebhookContext (see
 * resumeHarness), fed by the fake fal's genuinely signed deliveries and by forgeries.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { INodeExecutionData } from 'n8n-workflow';
import { request } from 'undici';

import { signWebhook, startFakeFal, type FakeFal } from '../fake-fal';
import { submitWithWebhook, untilDelivered } from '../support/fakeFalWebhooks';
import { waitLimitItem, WAIT_LIMIT_STATUS } from '../../nodes/FalAi/shared/waitForWebhook';
import { ResumeHarness } from './resumeHarness';

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

const ENDPOINT = 'fal-ai/flux/dev';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('Wait for Webhook: resume webhook', () => {
	let fal: FakeFal;
	let harness: ResumeHarness;

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0, queueMs: 0, runMs: 10, webhookRetries: 0 });
	});
	afterAll(async () => await fal.close());
	beforeEach(() => fal.reset());
	afterEach(async () => await harness?.close());

	function parameters(overrides: Record<string, unknown> = {}) {
		return { executionMode: 'webhook', outputMedia: 'binary', options: { jwksUrl: fal.hosts.jwksUrl }, ...overrides };
	}

	/** The waiting node's stack items as execute leaves them for `requestId`. */
	function waitingFor(requestId: string): INodeExecutionData[] {
		return [
			waitLimitItem({ requestId, endpointId: ENDPOINT, responseUrl: `${fal.hosts.queueUrl}/fal-ai/flux/requests/${requestId}` }, 60),
		];
	}

	/** Submits to the fake with its webhook pointing at a harness that waits for that request. */
	/** The node's credential, pointed at the fake (as the model node always has one). */
	function fakeCredential() {
		return { apiKey: fal.key, customHosts: true, queueUrl: fal.hosts.queueUrl, runUrl: fal.hosts.runUrl, restUrl: fal.hosts.restUrl, platformUrl: fal.hosts.platformUrl };
	}

	async function generate(input: Record<string, unknown>, overrides: Record<string, unknown> = {}): Promise<string> {
		harness = await ResumeHarness.start(parameters(overrides), []);
		harness.credential = fakeCredential();
		const requestId = await submitWithWebhook(fal, ENDPOINT, harness.url, input);
		harness.waitingItems = waitingFor(requestId);
		await delivered(requestId);
		return requestId;
	}

	async function delivered(requestId: string): Promise<void> {
		await untilDelivered(fal, requestId);
		await harness.settled();
	}

	async function post(body: string, headers: Record<string, string>): Promise<Answer> {
		const response = await request(harness.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		const text = await response.body.text();
		await harness.settled();
		return { status: response.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
	}

	function okBody(requestId: string): string {
		return JSON.stringify({ request_id: requestId, gateway_request_id: requestId, status: 'OK', payload: { images: [] } });
	}

	it("resumes with the model output and the image downloaded when fal's signed delivery arrives", async () => {
		const requestId = await generate({ prompt: 'a red fox', image_size: { width: 32, height: 24 }, output_format: 'png' });

		expect(fal.job(requestId)!.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		expect(harness.resumes).toHaveLength(1);
		const [item] = harness.resumes[0];
		expect(item.json).toMatchObject({ request_id: requestId, endpoint_id: ENDPOINT, prompt: 'a red fox', seed: expect.any(Number) });
		expect(item.json.images).toEqual([expect.objectContaining({ width: 32, height: 24, content_type: 'image/png' })]);
		expect(item.binary?.image_0).toMatchObject({ mimeType: 'image/png' });
		expect(Buffer.from(item.binary!.image_0.data, 'base64').subarray(0, 4)).toEqual(PNG_SIGNATURE);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('leaves the media as URLs when "Output Media" keeps URLs', async () => {
		await generate({ prompt: 'a red fox' }, { outputMedia: 'url' });

		const [item] = harness.resumes[0];
		expect(item.binary).toBeUndefined();
		expect((item.json.images as Array<{ url: string }>)[0].url).toMatch(/^http:\/\/127\.0\.0\.1/);
	});

	it('rejects a delivery signed with a key that is not in the key set, and keeps waiting', async () => {
		harness = await ResumeHarness.start(parameters(), waitingFor('req-1'));
		const { privateKey } = generateKeyPairSync('ed25519');
		const body = okBody('req-1');
		const headers = signWebhook(privateKey, body, { requestId: 'req-1', userId: 'fake-user', timestamp: Math.floor(Date.now() / 1000) });

		const answer = await post(body, headers);

		expect(answer).toEqual({ status: 401, body: expect.objectContaining({ error: 'invalid_signature', reason: 'signature_mismatch' }) });
		expect(harness.resumes).toHaveLength(0);
	});

	it('rejects an unsigned call', async () => {
		harness = await ResumeHarness.start(parameters(), waitingFor('req-1'));

		const answer = await post(okBody('req-1'), {});

		expect(answer.status).toBe(401);
		expect(answer.body.reason).toBe('missing_header');
		expect(harness.resumes).toHaveLength(0);
	});

	it('rejects a genuine signature made more than five minutes ago (a replay)', async () => {
		harness = await ResumeHarness.start(parameters(), waitingFor('req-1'));
		const body = okBody('req-1');
		const headers = fal.signWebhook(body, { requestId: 'req-1', timestamp: Math.floor(Date.now() / 1000) - 600 });

		const answer = await post(body, headers);

		expect(answer.status).toBe(401);
		expect(answer.body.reason).toBe('timestamp_out_of_range');
		expect(harness.resumes).toHaveLength(0);
	});

	it('rejects a body changed after signing', async () => {
		harness = await ResumeHarness.start(parameters(), waitingFor('req-1'));
		const headers = fal.signWebhook(okBody('req-1'), { requestId: 'req-1' });

		const answer = await post(okBody('req-1').replace('[]', '[{"url":"http://127.0.0.1:9/evil.png"}]'), headers);

		expect(answer.status).toBe(401);
		expect(harness.resumes).toHaveLength(0);
	});

	it('answers 409 to a genuine delivery about another request, and keeps waiting', async () => {
		harness = await ResumeHarness.start(parameters(), waitingFor('req-expected'));
		const body = okBody('req-other');

		const answer = await post(body, fal.signWebhook(body, { requestId: 'req-other' }));

		expect(answer.status).toBe(409);
		expect(answer.body.message).toContain('req-expected');
		expect(harness.resumes).toHaveLength(0);
	});

	it('acknowledges a genuine delivery with another status (a progress event) with 200, and keeps waiting', async () => {
		harness = await ResumeHarness.start(parameters(), waitingFor('req-1'));
		const body = JSON.stringify({ request_id: 'req-1', gateway_request_id: 'req-1', status: 'IN_PROGRESS', payload: null });

		const answer = await post(body, fal.signWebhook(body, { requestId: 'req-1' }));

		expect(answer).toEqual({ status: 200, body: { received: true, resumed: false, reason: 'status IN_PROGRESS is not handled' } });
		expect(harness.resumes).toHaveLength(0);
	});

	it('accepts a delivery signed longer ago when "Timestamp Tolerance" allows it', async () => {
		harness = await ResumeHarness.start(parameters({ options: { jwksUrl: fal.hosts.jwksUrl, timestampTolerance: 900 } }), waitingFor('req-1'));
		const body = okBody('req-1');

		const answer = await post(body, fal.signWebhook(body, { requestId: 'req-1', timestamp: Math.floor(Date.now() / 1000) - 600 }));

		expect(answer.status).toBe(200);
		expect(harness.resumes).toHaveLength(1);
	});

	it('does not follow a result file that redirects to a private address outside the credential\'s hosts', async () => {
		harness = await ResumeHarness.start(parameters(), waitingFor('req-1'));
		harness.credential = fakeCredential();
		const internal = `http://localhost:${fal.port}/media/generated/internal/secret.png`;
		const body = JSON.stringify({
			request_id: 'req-1',
			status: 'OK',
			payload: { images: [{ url: `${fal.hosts.mediaUrl}/redirect?to=${encodeURIComponent(internal)}`, content_type: 'image/png' }] },
		});

		expect((await post(body, fal.signWebhook(body, { requestId: 'req-1' }))).status).toBe(200);

		const [item] = harness.resumes[0];
		expect(item.binary).toBeUndefined();
		expect(item.json.download_errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/localhost: it is a loopback address/) })]);
		expect(fal.requests.filter((recorded) => String(recorded.headers.host).startsWith('localhost:'))).toEqual([]);
	});

	it('accepts the gateway request id when fal retried the request server-side', async () => {
		harness = await ResumeHarness.start(parameters({ outputMedia: 'url' }), waitingFor('req-first'));
		const body = JSON.stringify({ request_id: 'req-retry', gateway_request_id: 'req-first', status: 'OK', payload: { text: 'hi' } });

		const answer = await post(body, fal.signWebhook(body, { requestId: 'req-retry' }));

		expect(answer.status).toBe(200);
		expect(harness.resumes[0][0].json).toMatchObject({ text: 'hi', request_id: 'req-retry' });
	});

	it('answers 503 without resuming when the key set cannot be loaded, so fal delivers again', async () => {
		harness = await ResumeHarness.start(parameters({ options: { jwksUrl: 'http://127.0.0.1:9/jwks.json' } }), waitingFor('req-1'));
		const body = okBody('req-1');

		const answer = await post(body, fal.signWebhook(body, { requestId: 'req-1' }));

		expect(answer.status).toBe(503);
		expect(harness.resumes).toHaveLength(0);
	});

	it('turns a validation failure into an error item listing the rejected fields', async () => {
		const requestId = await generate({ prompt: 'a red fox', fake: { fail: 'validation' } });

		const [item] = harness.resumes[0];
		expect(item.json).toMatchObject({ status: 'ERROR', request_id: requestId, endpoint_id: ENDPOINT, http_code: '422' });
		expect(item.json.error).toMatch(/^fal rejected "\S+": /);
		expect(item.json.field_errors).toEqual([expect.objectContaining({ field: expect.any(String), message: expect.any(String) })]);
		expect(item.binary).toBeUndefined();
	});

	it("turns a model failure into an error item carrying fal's explanation", async () => {
		const requestId = await generate({ prompt: 'a red fox', fake: { fail: 'model_error' } });

		const [item] = harness.resumes[0];
		expect(item.json).toMatchObject({ status: 'ERROR', request_id: requestId, error: 'The fal model failed to process the request' });
		expect(item.json.description).toContain('Invalid status code: 500');
		expect(item.json.description).toContain(requestId);
	});

	it('reports an output fal could not send as an error item pointing at Get Result', async () => {
		const requestId = await generate({ prompt: 'a red fox', fake: { fail: 'payload_error' } });

		const [item] = harness.resumes[0];
		expect(item.json.status).toBe('ERROR');
		expect(item.json.error).toBe(`fal finished request ${requestId} but could not send its output`);
		expect(item.json.description).toContain('Get Result');
	});

	it('accepts any request id when the waiting entry does not name one', async () => {
		harness = await ResumeHarness.start(parameters({ outputMedia: 'url' }), [{ json: { from: 'the trigger' } }]);
		const body = okBody('req-any');

		const answer = await post(body, fal.signWebhook(body, { requestId: 'req-any' }));

		expect(answer.status).toBe(200);
		expect(harness.resumes[0][0].json).toEqual({ images: [], request_id: 'req-any' });
	});

	it('marks the wait-limit item as an error naming the request and saying it may still complete', () => {
		const item = waitLimitItem({ requestId: 'req-9', endpointId: ENDPOINT, cancelUrl: 'http://x/cancel' }, 30);

		expect(item.json).toMatchObject({ status: WAIT_LIMIT_STATUS, request_id: 'req-9', endpoint_id: ENDPOINT, cancel_url: 'http://x/cancel' });
		expect(item.json.error).toBe('fal did not report on request req-9 within the wait limit of 30 minutes');
		expect(item.json.description).toContain('may still complete');
	});
});
