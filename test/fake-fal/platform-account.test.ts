import { startFakeFal, type FakeFal } from './index';
import { makeGlb, makeMp3 } from './media-formats';
import { call } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal();
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

const get = (path: string, key: string | null = fal.key) => call(fal, 'GET', `${fal.hosts.platformUrl}/${path}`, { key });

describe('platform API: account routes', () => {
	it('needs the key for requests, usage, analytics and workflows', async () => {
		for (const path of ['models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev', 'models/usage', 'models/analytics?endpoint_id=fal-ai/flux/dev', 'workflows']) {
			expect((await get(path, null)).status).toBe(401);
		}
	});

	it('answers fal\'s 422 for a missing endpoint, a bad status, a bad date and a bad limit', async () => {
		expect((await get('models/requests/by-endpoint')).body.detail[0]).toMatchObject({ loc: ['query', 'endpoint_id'], type: 'value_error.missing' });
		expect((await get('models/requests/by-endpoint?endpoint_id=a/b&status=done')).status).toBe(422);
		expect((await get('models/requests/by-endpoint?endpoint_id=a/b&start=yesterday')).body.detail[0]).toMatchObject({ loc: ['query', 'start'] });
		expect((await get('models/requests/by-endpoint?endpoint_id=a/b&limit=101')).status).toBe(422);
		expect((await get('models/analytics')).status).toBe(422);
	});

	it('pages requests with fal\'s page-number cursor, newest first, without repeats', async () => {
		const start = new Date(Date.now() - 30 * 86_400_000).toISOString();
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page = await get(`models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev&start=${start}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
			seen.push(...page.body.items.map((item: { request_id: string }) => item.request_id));
			cursor = page.body.next_cursor;
			expect(page.body.has_more).toBe(cursor !== null);
		} while (cursor);
		expect(seen).toHaveLength(240);
		expect(new Set(seen).size).toBe(240);
		expect((await get('models/requests/by-endpoint?endpoint_id=a/b&cursor=garbage')).status).toBe(400);
		const second = await get(`models/requests/by-endpoint?endpoint_id=fal-ai/flux/dev&start=${start}&limit=10&cursor=Mg==`);
		expect(second.body.items[0].request_id).toBe('past-fal-ai-flux-dev-10');
		expect(second.body.items[0]).toEqual({
			request_id: 'past-fal-ai-flux-dev-10',
			endpoint_id: 'fal-ai/flux/dev',
			status_code: 200,
			sent_at: expect.any(String),
			started_at: expect.any(String),
			ended_at: expect.any(String),
			duration: 1,
		});
		expect((await get(`serverless/requests/by-endpoint?endpoint_id=fal-ai/flux/dev&start=${start}`)).body.items).toHaveLength(50);
	});

	it('buckets a day of usage by hour, and gives only the summary when only that is asked for', async () => {
		const now = Date.now();
		const day = await get(`models/usage?start=${new Date(now - 86_400_000).toISOString()}&end=${new Date(now).toISOString()}&endpoint_id=fal-ai/flux/dev`);
		expect(day.body.time_series.length).toBeGreaterThanOrEqual(24);
		const week = await get(`models/usage?start=${new Date(now - 7 * 86_400_000).toISOString()}&end=${new Date(now).toISOString()}&endpoint_id=fal-ai/flux/dev&expand=summary`);
		expect(week.body.time_series).toBeUndefined();
		expect(week.body.summary).toEqual([expect.objectContaining({ endpoint_id: 'fal-ai/flux/dev', quantity: 43 })]);
	});

	it('lists workflows in pages and details one, 404 for another owner', async () => {
		const first = await get('workflows?limit=2');
		expect(first.body.workflows.map((workflow: { name: string }) => workflow.name)).toEqual(['script-to-speech', 'product-shots']);
		expect(first.body.workflows[0].contents).toBeUndefined();
		const rest = await get(`workflows?limit=2&cursor=${first.body.next_cursor}`);
		expect(rest.body).toMatchObject({ has_more: false, next_cursor: null });
		expect((await get('workflows/fake-user/podcast-clip')).body.workflow.contents.schema.input.prompt).toMatchObject({ required: true });
		expect((await get('workflows/someone-else/podcast-clip')).status).toBe(404);
	});
});

describe('media formats', () => {
	it('serves MP3 and GLB files with their types', async () => {
		const mp3 = await fetch(`${fal.hosts.mediaUrl}/samples/voice.mp3`);
		expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
		expect(Buffer.from(await mp3.arrayBuffer())).toEqual(makeMp3());
		const glb = await fetch(`${fal.hosts.mediaUrl}/samples/model_mesh.glb`);
		expect(glb.headers.get('content-type')).toBe('model/gltf-binary');
		const bytes = Buffer.from(await glb.arrayBuffer());
		expect(bytes).toEqual(makeGlb('model_mesh'));
		// The JSON chunk is valid glTF 2.0 JSON.
		const jsonLength = bytes.readUInt32LE(12);
		expect(JSON.parse(bytes.subarray(20, 20 + jsonLength).toString('utf8')).asset.version).toBe('2.0');
	});
});
