import { startFakeFal, type FakeFal } from './index';
import { call } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal();
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

const models = (query: string, key: string | null = null) => call(fal, 'GET', `${fal.hosts.platformUrl}/models${query}`, { key });

describe('platform API: models', () => {
	it('searches by words and category without a key', async () => {
		const found = await models('?q=flux&category=text-to-image');
		expect(found.status).toBe(200);
		const ids = found.body.models.map((model: { endpoint_id: string }) => model.endpoint_id);
		expect(ids).toEqual(expect.arrayContaining(['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/flux-lora']));
		expect(found.body.models[0].metadata).toMatchObject({ display_name: expect.any(String), category: 'text-to-image', status: 'active' });
		expect(found.body).toMatchObject({ has_more: false, next_cursor: null });
		expect((await models('?q=transcription')).body.models.map((model: { endpoint_id: string }) => model.endpoint_id)).toEqual(['fal-ai/whisper', 'fal-ai/wizper']);
	});

	it('pages with limit and cursor until has_more is false, without repeats', async () => {
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const page = await models(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
			expect(page.body.models.length).toBeLessThanOrEqual(3);
			seen.push(...page.body.models.map((model: { endpoint_id: string }) => model.endpoint_id));
			cursor = page.body.next_cursor;
			expect(page.body.has_more).toBe(cursor !== null);
			pages++;
		} while (cursor);
		expect(pages).toBeGreaterThan(2);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toContain('fal-ai/veo3');
		expect((await models('?cursor=garbage')).status).toBe(400);
	});

	it('looks up given endpoint ids (repeated parameter)', async () => {
		const found = await models('?endpoint_id=fal-ai/wizper&endpoint_id=fal-ai/flux/dev&endpoint_id=nobody/nothing');
		expect(found.body.models.map((model: { endpoint_id: string }) => model.endpoint_id)).toEqual(['fal-ai/wizper', 'fal-ai/flux/dev']);
		expect(found.body.models[0].openapi).toBeUndefined();
	});

	it.each([
		'fal-ai/flux/dev',
		'fal-ai/flux/schnell',
		'fal-ai/kling-video/v2/master/text-to-video',
		'fal-ai/kling-video/v2/master/image-to-video',
		'fal-ai/veo3',
		'fal-ai/whisper',
		'fal-ai/wizper',
		'fal-ai/flux-lora',
	])('expands %s with an OpenAPI 3 document holding an ordered ...Input schema', async (endpointId) => {
		const found = await models(`?endpoint_id=${endpointId}&expand=openapi-3.0`);
		const openapi = found.body.models[0].openapi;
		expect(openapi.openapi).toMatch(/^3\.0\./);
		const [inputName, input] = Object.entries(openapi.components.schemas).find(([name]) => name.endsWith('Input')) as [string, Record<string, unknown>];
		expect(input['x-fal-order-properties']).toEqual(Object.keys(input.properties as object));
		expect(openapi.paths[`/${endpointId}`].post.requestBody.content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${inputName}` });
		expect(input.required).toEqual(expect.arrayContaining([endpointId.includes('whisper') || endpointId.includes('wizper') ? 'audio_url' : 'prompt']));
	});

	it('describes nested objects and arrays of objects with $refs (flux-lora)', async () => {
		const found = await models('?endpoint_id=fal-ai/flux-lora&expand=openapi-3.0');
		const schemas = found.body.models[0].openapi.components.schemas;
		expect(schemas.FluxLoraInput.properties.loras).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/LoraWeight' } });
		expect(schemas.LoraWeight).toMatchObject({ type: 'object', required: ['path'], properties: { transformer: { type: 'object' } } });
		expect(schemas.FluxLoraInput.properties.image_size.anyOf[0]).toEqual({ $ref: '#/components/schemas/ImageSize' });
	});

	it('accepts a right key and refuses a wrong one on search', async () => {
		expect((await models('', fal.key)).status).toBe(200);
		expect((await models('', 'wrong')).status).toBe(401);
	});
});

describe('platform API: pricing and payloads', () => {
	it('gives unit prices with a key, and 401 without', async () => {
		const prices = await call(fal, 'GET', `${fal.hosts.platformUrl}/models/pricing?endpoint_id=fal-ai/flux/dev`);
		expect(prices.body.prices).toEqual([{ endpoint_id: 'fal-ai/flux/dev', unit_price: expect.any(Number), unit: expect.any(String), currency: 'USD' }]);
		expect((await call(fal, 'GET', `${fal.hosts.platformUrl}/models/pricing?endpoint_id=fal-ai/flux/dev`, { key: null })).status).toBe(401);
	});

	it('estimates a cost from unit quantities', async () => {
		const estimate = await call(fal, 'POST', `${fal.hosts.platformUrl}/models/pricing/estimate`, {
			body: { estimate_type: 'unit_price', endpoints: { 'fal-ai/flux/dev': { unit_quantity: 4 } } },
		});
		expect(estimate.body).toEqual({ estimate_type: 'unit_price', total_cost: 0.1, currency: 'USD' });
	});

	it('deletes the payloads of a known request and answers 404 for an unknown one', async () => {
		const run = await call(fal, 'POST', `${fal.hosts.queueUrl}/fal-ai/flux/dev`, { body: { prompt: 'x' } });
		const answer = await call(fal, 'DELETE', `${fal.hosts.platformUrl}/models/requests/${run.body.request_id}/payloads`);
		expect(answer.status).toBe(200);
		expect(answer.body.cdn_delete_results).toEqual(expect.any(Array));
		expect((await call(fal, 'DELETE', `${fal.hosts.platformUrl}/models/requests/nope/payloads`)).status).toBe(404);
	});
});
