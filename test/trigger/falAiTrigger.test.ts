/**
 * The Fal.ai Trigger's webhook, run through n8n-core's real WebhookContext (see webhookHarness)
 * and fed by the fake fal server's signed deliveries and by hand-made forgeries.
 */
import { generateKeyPairSync } from 'node:crypto';
import { request } from 'undici';

import { tagWebhookUrl } from '../../nodes/FalAi/shared/webhookDelivery';
import { signWebhook, startFakeFal, type FakeFal } from '../fake-fal';
import { submitWithWebhook, untilDelivered } from '../support/fakeFalWebhooks';
import { FalAiTrigger } from '../../nodes/FalAi/Trigger/FalAiTrigger.node';
import { TriggerHarness } from './webhookHarness';

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Record<string, unknown>;
}

describe('Fal.ai Trigger webhook', () => {
	let fal: FakeFal;
	let harness: TriggerHarness;

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0, queueMs: 0, runMs: 10 });
	});
	afterAll(async () => await fal.close());

	beforeEach(async () => {
		fal.reset();
		harness = await TriggerHarness.start(parameters());
	});
	afterEach(async () => await harness.close());

	/** The Fal.ai API credential pointed at the fake (its Custom Hosts are allowed media hosts). */
	function fakeCredential(apiKey = fal.key) {
		return { apiKey, customHosts: true, queueUrl: fal.hosts.queueUrl, runUrl: fal.hosts.runUrl, restUrl: fal.hosts.restUrl, platformUrl: fal.hosts.platformUrl };
	}

	function parameters(overrides: Record<string, unknown> = {}) {
		return { outcome: 'any', downloadMedia: false, acceptUnsignedCalls: false, options: { jwksUrl: fal.hosts.jwksUrl }, ...overrides };
	}

	async function post(body: string, headers: Record<string, string>): Promise<Answer> {
		const response = await request(harness.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body,
		});
		const text = await response.body.text();
		return { status: response.statusCode, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
	}

	function deliveryBody(requestId: string, status: 'OK' | 'ERROR' = 'OK'): string {
		return JSON.stringify({
			request_id: requestId,
			gateway_request_id: requestId,
			status,
			payload: status === 'OK' ? { images: [] } : { detail: 'boom' },
			...(status === 'ERROR' ? { error: 'Invalid status code: 500' } : {}),
		});
	}

	/** Submits a job whose webhook is the trigger, and waits until the fake has delivered it. */
	async function generate(endpointId: string, input: Record<string, unknown>): Promise<string> {
		const requestId = await submitWithWebhook(fal, endpointId, harness.url, input);
		await untilDelivered(fal, requestId);
		await harness.settled();
		return requestId;
	}

	it("starts the workflow with fal's delivery and answers 200", async () => {
		const requestId = await generate('fal-ai/flux/dev', { prompt: 'a red fox' });
		expect(fal.job(requestId)!.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		expect(harness.runs).toHaveLength(1);
		const [item] = harness.runs[0];
		expect(item.json).toMatchObject({
			request_id: requestId,
			user_id: 'fake-user',
			gateway_request_id: requestId,
			status: 'OK',
			error: null,
			verified: true,
			payload: { images: [expect.objectContaining({ content_type: expect.stringMatching(/^image\//) })] },
		});
		expect(item.binary).toBeUndefined();
	});

	it("keeps a seed above 2^53 exact in the payload (seed_exact)", async () => {
		const requestId = await generate('fal-ai/flux/dev', { prompt: 'x', fake: { bigSeed: '17454220438242315174' } });
		expect(fal.job(requestId)!.deliveries[0].body).toContain('"seed":17454220438242315174');
		expect(harness.runs[0][0].json.payload).toMatchObject({ seed: 17454220438242315174, seed_exact: '17454220438242315174' });
	});

	it('passes a failed request on with its error', async () => {
		const requestId = await generate('fal-ai/flux/dev', { prompt: 'x', fake: { fail: 'validation' } });
		expect(harness.runs).toHaveLength(1);
		expect(harness.runs[0][0].json).toMatchObject({ request_id: requestId, status: 'ERROR', error: expect.stringMatching(/422/) });
	});

	describe('rejects with 401 and never starts the workflow', () => {
		it('an unsigned call', async () => {
			const answer = await post(deliveryBody('unsigned'), {});
			expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_signature', reason: 'missing_header' } });
			expect(harness.runs).toEqual([]);
		});

		it('a call signed with a key fal does not publish', async () => {
			const forger = generateKeyPairSync('ed25519').privateKey;
			const body = deliveryBody('forged');
			const headers = signWebhook(forger, body, { requestId: 'forged', userId: 'fake-user', timestamp: Math.floor(Date.now() / 1000) });
			expect(await post(body, headers)).toMatchObject({ status: 401, body: { reason: 'signature_mismatch' } });
			expect(harness.runs).toEqual([]);
		});

		it('a genuine signature over a different body', async () => {
			const headers = fal.signWebhook(deliveryBody('tampered', 'ERROR'), { requestId: 'tampered' });
			expect(await post(deliveryBody('tampered', 'OK'), headers)).toMatchObject({ status: 401, body: { reason: 'signature_mismatch' } });
			expect(harness.runs).toEqual([]);
		});

		it('a genuine delivery replayed after the 5-minute window', async () => {
			const body = deliveryBody('replayed');
			const headers = fal.signWebhook(body, { requestId: 'replayed', timestamp: Math.floor(Date.now() / 1000) - 301 });
			expect(await post(body, headers)).toMatchObject({ status: 401, body: { reason: 'timestamp_out_of_range' } });
			expect(harness.runs).toEqual([]);
		});

		it('a malformed signature', async () => {
			const body = deliveryBody('malformed');
			const headers = { ...fal.signWebhook(body, { requestId: 'malformed' }), 'x-fal-webhook-signature': 'not-hex' };
			expect(await post(body, headers)).toMatchObject({ status: 401, body: { reason: 'malformed_signature' } });
			expect(harness.runs).toEqual([]);
		});
	});

	it('answers 400 to a signed body that is not a fal delivery, without starting', async () => {
		const body = JSON.stringify({ hello: 'world' });
		expect(await post(body, fal.signWebhook(body, { requestId: 'odd' }))).toMatchObject({ status: 400, body: { error: 'invalid_payload' } });
		expect(harness.runs).toEqual([]);
	});

	it('answers 503 with Retry-After when the key set cannot be loaded, so fal redelivers later', async () => {
		harness.parameters = parameters({ options: { jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json' } });
		const body = deliveryBody('no-keys');
		const answer = await post(body, fal.signWebhook(body, { requestId: 'no-keys' }));
		expect(answer).toMatchObject({ status: 503, body: { error: 'keys_unavailable' } });
		expect(answer.headers['retry-after']).toBe('60');
		expect(harness.runs).toEqual([]);
	});

	it('acknowledges a redelivery of the same request with 200 and does not start again', async () => {
		const body = deliveryBody('once');
		const headers = fal.signWebhook(body, { requestId: 'once' });
		expect(await post(body, headers)).toMatchObject({ status: 200, body: { received: true, started: true } });
		expect(await post(body, headers)).toMatchObject({ status: 200, body: { received: true, started: false, reason: 'already delivered' } });
		expect(harness.runs).toHaveLength(1);
		expect(harness.storedStaticData).toEqual({ 'node:Fal.ai Trigger': { seenRequestIds: ['once'] } });
	});

	describe('outcome filter', () => {
		it('with Success only, acknowledges failures without starting', async () => {
			harness.parameters = parameters({ outcome: 'OK' });
			const failed = deliveryBody('failed', 'ERROR');
			expect(await post(failed, fal.signWebhook(failed, { requestId: 'failed' }))).toMatchObject({ status: 200, body: { started: false } });
			const succeeded = deliveryBody('succeeded', 'OK');
			expect(await post(succeeded, fal.signWebhook(succeeded, { requestId: 'succeeded' }))).toMatchObject({ status: 200, body: { started: true } });
			expect(harness.runs.map((items) => items[0].json.request_id)).toEqual(['succeeded']);
		});

		it('with Failure only, starts for failures alone', async () => {
			harness.parameters = parameters({ outcome: 'ERROR' });
			for (const [requestId, status] of [['good', 'OK'], ['bad', 'ERROR']] as const) {
				const body = deliveryBody(requestId, status);
				await post(body, fal.signWebhook(body, { requestId }));
			}
			expect(harness.runs.map((items) => items[0].json.request_id)).toEqual(['bad']);
		});
	});

	describe('media download', () => {
		beforeEach(() => {
			harness.parameters = parameters({ downloadMedia: true });
			harness.credential = fakeCredential();
		});

		it('puts each generated image into binary data', async () => {
			await generate('fal-ai/flux/dev', { prompt: 'two foxes', num_images: 2, output_format: 'png' });
			const [item] = harness.runs[0];
			expect(Object.keys(item.binary ?? {})).toEqual(['image_0', 'image_1']);
			const image = item.binary!.image_0;
			expect(image.mimeType).toBe('image/png');
			expect(Buffer.from(image.data, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
			expect(item.json.download_errors).toBeUndefined();
		});

		it('puts a generated video into binary data', async () => {
			await generate('fal-ai/kling-video/v1/standard/text-to-video', { prompt: 'a fox runs' });
			const video = harness.runs[0][0].binary!.video;
			expect(video.mimeType).toBe('video/mp4');
			expect(Buffer.from(video.data, 'base64').subarray(4, 8).toString('latin1')).toBe('ftyp');
		});

		describe('from hosts the payload chooses', () => {
			/** A signed delivery whose result names `url`; returns the started item once downloads are done. */
			async function deliverImageAt(requestId: string, url: string) {
				const delivery = JSON.stringify({ request_id: requestId, status: 'OK', payload: { images: [{ url, content_type: 'image/png' }] } });
				expect(await post(delivery, fal.signWebhook(delivery, { requestId }))).toMatchObject({ status: 200 });
				await harness.settled();
				return harness.runs[harness.runs.length - 1][0];
			}
			/** Requests the fake received under the host name `localhost` (the "internal" address here). */
			const requestsToLocalhost = () => fal.requests.filter((recorded) => String(recorded.headers.host).startsWith('localhost:'));
			const internalUrl = () => `http://localhost:${fal.port}/media/generated/internal/secret.png`;

			it('does not fetch a loopback URL outside the allowed hosts, and says how to allow it', async () => {
				const item = await deliverImageAt('loopback', internalUrl());
				expect(item.binary).toBeUndefined();
				expect(item.json.download_errors).toEqual([
					{
						name: 'image_0',
						url: internalUrl(),
						message: expect.stringMatching(/Refused to download media from localhost: it is a loopback address.*add "localhost" to the Fal.ai Trigger's "Allowed Media Hosts"/),
					},
				]);
				expect(requestsToLocalhost()).toEqual([]);
			});

			it('does not follow an allowed URL that redirects to such an address: the redirect is checked before the hop', async () => {
				const redirecting = `${fal.hosts.mediaUrl}/redirect?to=${encodeURIComponent(internalUrl())}`;
				const item = await deliverImageAt('redirected', redirecting);
				expect(item.binary).toBeUndefined();
				expect(item.json.download_errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/localhost: it is a loopback address/) })]);
				// The allowed URL itself was fetched (it answered the redirect); its target never was.
				expect(fal.requests.filter((recorded) => recorded.path === '/media/redirect')).toHaveLength(1);
				expect(requestsToLocalhost()).toEqual([]);
			});

			it('fetches the same address once "Allowed Media Hosts" lists it, redirect included', async () => {
				harness.parameters = parameters({ downloadMedia: true, options: { jwksUrl: fal.hosts.jwksUrl, allowedMediaHosts: 'localhost' } });
				const direct = await deliverImageAt('listed', internalUrl());
				expect(direct.binary?.image_0.mimeType).toBe('image/png');
				const redirected = await deliverImageAt('listed-redirect', `${fal.hosts.mediaUrl}/redirect?to=${encodeURIComponent(internalUrl())}`);
				expect(redirected.binary?.image_0.mimeType).toBe('image/png');
				expect(requestsToLocalhost()).toHaveLength(2);
			});

			it("without a credential, not even the fake's own media host is fetched: only fal's media hosts are allowed by default", async () => {
				harness.credential = undefined;
				const item = await deliverImageAt('no-credential', `${fal.hosts.mediaUrl}/generated/a/image.png`);
				expect(item.json.download_errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/127\.0\.0\.1: it is a loopback address/) })]);
				expect(fal.requestsOf('media')).toEqual([]);
			});

			it('refuses a public host that is not a fal media host without any request', async () => {
				const item = await deliverImageAt('foreign', 'https://images.example.com/a.png');
				expect(item.json.download_errors).toEqual([
					expect.objectContaining({ message: expect.stringMatching(/images\.example\.com: it is not one of fal's media hosts.*"Allowed Media Hosts"/) }),
				]);
			});
		});

		it('still starts the workflow when a file cannot be fetched, and says which', async () => {
			const missing = `${fal.baseUrl}/media/does-not-exist.png`;
			const body = JSON.stringify({ request_id: 'lost', status: 'OK', payload: { images: [{ url: missing, content_type: 'image/png' }] } });
			expect(await post(body, fal.signWebhook(body, { requestId: 'lost' }))).toMatchObject({ status: 200 });
			await harness.settled();
			const [item] = harness.runs[0];
			expect(item.binary).toBeUndefined();
			expect(item.json.download_errors).toEqual([{ name: 'image_0', url: missing, message: expect.stringMatching(/HTTP 404/) }]);
		});
	});

	describe('Accept Unsigned Calls', () => {
		beforeEach(() => {
			harness.parameters = parameters({ acceptUnsignedCalls: true });
		});

		it('starts for a call without signature headers, marked unverified', async () => {
			expect(await post(deliveryBody('plain'), {})).toMatchObject({ status: 200 });
			expect(harness.runs[0][0].json).toMatchObject({ request_id: 'plain', verified: false });
		});

		it('still rejects a call whose signature does not verify', async () => {
			const forger = generateKeyPairSync('ed25519').privateKey;
			const body = deliveryBody('forged');
			const headers = signWebhook(forger, body, { requestId: 'forged', userId: 'u', timestamp: Math.floor(Date.now() / 1000) });
			expect(await post(body, headers)).toMatchObject({ status: 401 });
			expect(harness.runs).toEqual([]);
		});
	});

	it('registers nothing at fal on activation but loads the key set', async () => {
		harness.parameters = parameters({ options: { jwksUrl: `${fal.hosts.jwksUrl}?activation` } });
		expect(await harness.activate()).toEqual({ existed: false, created: true });
		expect(fal.requestsOf('jwks')).toHaveLength(1);
	});

	it('activates even when the key set is unreachable (deliveries fetch it later)', async () => {
		harness.parameters = parameters({ options: { jwksUrl: 'http://127.0.0.1:9/jwks.json' } });
		expect(await harness.activate()).toEqual({ existed: false, created: true });
	});
});

describe('Fal.ai Trigger: whose deliveries start the workflow', () => {
	let fal: FakeFal;
	let harness: TriggerHarness;

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0, queueMs: 0, runMs: 10, webhookRetries: 0 });
	});
	afterAll(async () => await fal.close());
	beforeEach(async () => {
		fal.reset();
		harness = await TriggerHarness.start({});
	});
	afterEach(async () => await harness.close());

	function parameters(overrides: Record<string, unknown> = {}) {
		return { outcome: 'any', downloadMedia: false, acceptUnsignedCalls: false, options: { jwksUrl: fal.hosts.jwksUrl }, ...overrides };
	}

	async function post(url: string, body: string, headers: Record<string, string>) {
		const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
	}

	const body = (requestId: string) => JSON.stringify({ request_id: requestId, gateway_request_id: requestId, status: 'OK', payload: { images: [] } });

	describe('Allowed fal User IDs', () => {
		it("refuses with 403 a genuinely signed delivery of another fal account's request, starting nothing", async () => {
			harness.parameters = parameters({ allowedUserIds: 'my-user, my-other-user' });
			const delivery = body('strangers-request');
			const headers = fal.signWebhook(delivery, { requestId: 'strangers-request', userId: 'stranger' });
			expect(await post(harness.url, delivery, headers)).toMatchObject({
				status: 403,
				body: { error: 'sender_not_allowed', reason: 'user_id_not_allowed', message: expect.stringContaining('"stranger"') },
			});
			expect(harness.runs).toEqual([]);
		});

		it('starts for a listed account and outputs its user_id', async () => {
			harness.parameters = parameters({ allowedUserIds: 'someone\nfake-user' });
			const requestId = await submitWithWebhook(fal, 'fal-ai/flux/dev', harness.url, { prompt: 'mine' });
			await untilDelivered(fal, requestId);
			await harness.settled();
			expect(fal.job(requestId)!.deliveries.map((delivery) => delivery.status)).toEqual([200]);
			expect(harness.runs.map((items) => items[0].json)).toEqual([expect.objectContaining({ request_id: requestId, user_id: 'fake-user' })]);
		});

		it('refuses an accepted unsigned call, since its account cannot be known', async () => {
			harness.parameters = parameters({ allowedUserIds: 'fake-user', acceptUnsignedCalls: true });
			expect(await post(harness.url, body('unsigned'), {})).toMatchObject({ status: 403, body: { reason: 'user_id_not_allowed' } });
			expect(harness.runs).toEqual([]);
		});

		it("the panel warns that any fal account can start the workflow while the list is empty", () => {
			const notice = new FalAiTrigger().description.properties.find((property) => property.name === 'anyAccountWarning')!;
			expect(notice.type).toBe('notice');
			expect(notice.displayName).toMatch(/Any fal account can start this workflow/);
			expect(notice.displayOptions).toEqual({ show: { allowedUserIds: [''] } });
		});
	});

	describe('Only Requests Submitted by This n8n', () => {
		beforeEach(() => {
			harness.parameters = parameters({ onlyOwnSubmissions: true });
			harness.credential = { apiKey: fal.key };
		});

		it('starts for a request whose webhook URL carries the tag of this credential', async () => {
			const requestId = await submitWithWebhook(fal, 'fal-ai/flux/dev', tagWebhookUrl(harness.url, fal.key), { prompt: 'ours' });
			await untilDelivered(fal, requestId);
			await harness.settled();
			expect(harness.runs.map((items) => items[0].json.request_id)).toEqual([requestId]);
		});

		it('refuses with 403 a genuine delivery to the bare URL (a request submitted elsewhere)', async () => {
			const requestId = await submitWithWebhook(fal, 'fal-ai/flux/dev', harness.url, { prompt: 'not ours' });
			await untilDelivered(fal, requestId);
			await harness.settled();
			expect(fal.job(requestId)!.deliveries.map((delivery) => delivery.status)).toEqual([403]);
			expect(harness.runs).toEqual([]);
		});

		it('refuses a tag made with another key', async () => {
			const requestId = await submitWithWebhook(fal, 'fal-ai/flux/dev', tagWebhookUrl(harness.url, 'another-key'), { prompt: 'x' });
			await untilDelivered(fal, requestId);
			await harness.settled();
			expect(fal.job(requestId)!.deliveries.map((delivery) => delivery.status)).toEqual([403]);
			expect(harness.runs).toEqual([]);
		});

		it('refuses everything, saying why, when no credential is selected', async () => {
			harness.credential = undefined;
			const delivery = body('no-credential');
			const answer = await post(tagWebhookUrl(harness.url, fal.key), delivery, fal.signWebhook(delivery, { requestId: 'no-credential' }));
			expect(answer).toMatchObject({ status: 403, body: { reason: 'not_submitted_here', message: expect.stringMatching(/credential/) } });
			expect(harness.runs).toEqual([]);
		});
	});

	describe('statuses other than OK and ERROR', () => {
		const progress = (requestId: string) => JSON.stringify({ request_id: requestId, status: 'IN_PROGRESS', payload: null });

		it('acknowledges them with 200 and starts nothing by default', async () => {
			harness.parameters = parameters();
			const delivery = progress('in-progress');
			expect(await post(harness.url, delivery, fal.signWebhook(delivery, { requestId: 'in-progress' }))).toMatchObject({
				status: 200,
				body: { received: true, started: false, reason: 'status IN_PROGRESS is not handled' },
			});
			expect(harness.runs).toEqual([]);
		});

		it('starts the workflow with them when "Other Statuses" says so, and still starts for the final delivery', async () => {
			harness.parameters = parameters({ options: { jwksUrl: fal.hosts.jwksUrl, otherStatuses: 'emit' } });
			const event = progress('evented');
			expect(await post(harness.url, event, fal.signWebhook(event, { requestId: 'evented' }))).toMatchObject({ status: 200, body: { started: true } });
			const final = body('evented');
			expect(await post(harness.url, final, fal.signWebhook(final, { requestId: 'evented' }))).toMatchObject({ status: 200, body: { started: true } });
			expect(harness.runs.map((items) => items[0].json.status)).toEqual(['IN_PROGRESS', 'OK']);
		});

		it('the fake delivers such an event signed, and the trigger answers it 200', async () => {
			harness.parameters = parameters();
			const requestId = await submitWithWebhook(fal, 'fal-ai/flux/dev', harness.url, { prompt: 'x', fake: { webhookEvents: ['IN_QUEUE', 'IN_PROGRESS'] } });
			await untilDelivered(fal, requestId, 3);
			await harness.settled();
			const deliveries = fal.job(requestId)!.deliveries;
			expect(deliveries.map((delivery) => [JSON.parse(delivery.body).status, delivery.status])).toEqual([
				['IN_QUEUE', 200],
				['IN_PROGRESS', 200],
				['OK', 200],
			]);
			expect(harness.runs.map((items) => items[0].json.status)).toEqual(['OK']);
		});
	});

	describe('Timestamp Tolerance', () => {
		it('accepts a delivery signed 400 s ago when the tolerance is 600 s, and refuses it with the default', async () => {
			const delivery = body('late-retry');
			const headers = fal.signWebhook(delivery, { requestId: 'late-retry', timestamp: Math.floor(Date.now() / 1000) - 400 });
			harness.parameters = parameters();
			expect(await post(harness.url, delivery, headers)).toMatchObject({ status: 401, body: { reason: 'timestamp_out_of_range' } });
			harness.parameters = parameters({ options: { jwksUrl: fal.hosts.jwksUrl, timestampTolerance: 600 } });
			expect(await post(harness.url, delivery, headers)).toMatchObject({ status: 200, body: { started: true } });
			expect(harness.runs).toHaveLength(1);
		});

		it('logs at debug level how old a refused stale delivery was', async () => {
			harness.parameters = parameters();
			const debug = jest.spyOn(harness.logger, 'debug');
			const delivery = body('stale');
			await post(harness.url, delivery, fal.signWebhook(delivery, { requestId: 'stale', timestamp: Math.floor(Date.now() / 1000) - 1000 }));
			expect(debug).toHaveBeenCalledWith(expect.stringMatching(/signed 100\d s ago; the tolerance is 300 s/), expect.objectContaining({ toleranceSeconds: 300 }));
		});
	});
});
