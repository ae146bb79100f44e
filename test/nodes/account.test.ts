/**
 * Fal.ai Account in real workflows against the fake fal's platform API: model info, pricing,
 * cost estimates, usage and analytics over preset time ranges, request lists (Return All and
 * Limit over several pages), deleting payloads, fal Workflows.
 *
 * The fake's history (test/fake-fal/request-history.ts) holds, per endpoint, past requests every
 * 3 hours: in the last 24 hours 8 (7 successful, 1 user error), in the last 7 days 56 (43, 8
 * user errors, 5 errors), in the last 30 days 240.
 */
import type { HarnessNode } from '../harness';
import { imageNode, runSingleNode, runWorkflowWith, useFakeFal } from './support';

const fal = useFakeFal();
const NODE = 'Fal.ai Account';
const DAY = 86_400_000;

function accountNode(resource: string, operation: string, parameters: Record<string, unknown> = {}): HarnessNode {
	return { name: NODE, type: 'falAiAccount', parameters: { resource, operation, ...parameters } as HarnessNode['parameters'] };
}

const endpoint = (id: string) => ({ model: { __rl: true, mode: 'id', value: id } });

/** The start and end the node sent with the last request of `kind`. */
function sentRange(kind: 'usage' | 'analytics' | 'requests'): { start: number; end: number } {
	const query = fal().requestsOf(kind).at(-1)?.query as { start: string; end: string };
	return { start: Date.parse(query.start), end: Date.parse(query.end) };
}

describe('Fal.ai Account: models', () => {
	it('Get Info returns the metadata and the input and output schemas with their references resolved', async () => {
		const result = await runSingleNode(fal(), accountNode('model', 'getInfo', endpoint('fal-ai/kokoro/american-english')));
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ endpoint_id: 'fal-ai/kokoro/american-english', display_name: 'Kokoro TTS (American English)', category: 'text-to-speech' });
		const input = item.json.input_schema as { required: string[]; properties: Record<string, { default?: unknown }> };
		expect(input.required).toEqual(['text']);
		expect(input.properties.voice.default).toBe('af_heart');
		const output = item.json.output_schema as { properties: { audio: { properties: Record<string, unknown>; title: string } } };
		expect(Object.keys(output.properties.audio.properties)).toEqual(['url', 'content_type', 'file_name', 'file_size']);
		expect(item.json.openapi).toBeUndefined();
	});

	it('Get Info names the item and endpoint fal\'s catalogue does not know', async () => {
		const result = await runSingleNode(fal(), accountNode('model', 'getInfo', endpoint('someone/unknown-model')));
		expect(result.error?.message).toBe('Item 0: fal\'s catalogue has no endpoint "someone/unknown-model"');
	});

	it('Get Pricing gives one item per endpoint, saying which ones fal publishes no price for', async () => {
		const result = await runSingleNode(fal(), accountNode('model', 'getPricing', { endpointIds: 'fal-ai/flux/dev, fal-ai/kokoro/american-english\nsomeone/unpriced' }));
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			{ endpoint_id: 'fal-ai/flux/dev', unit_price: 0.025, unit: 'megapixels', currency: 'USD', priced: true },
			{ endpoint_id: 'fal-ai/kokoro/american-english', unit_price: 0.02, unit: '1000 characters', currency: 'USD', priced: true },
			{ endpoint_id: 'someone/unpriced', unit_price: null, unit: null, currency: null, priced: false, note: 'fal publishes no price for "someone/unpriced"' },
		]);
		expect(fal().requestsOf('pricing')[0].query.endpoint_id).toEqual(['fal-ai/flux/dev', 'fal-ai/kokoro/american-english', 'someone/unpriced']);
	});

	it('Estimate Cost adds up a planned batch from all input items into one estimate', async () => {
		const planned = { requests: [{ endpointId: '={{ $json.endpoint }}', quantity: '={{ $json.count }}' }] };
		const rows = [
			{ json: { endpoint: 'fal-ai/flux/dev', count: 2 } },
			{ json: { endpoint: 'fal-ai/flux/dev', count: 3 } },
			{ json: { endpoint: 'fal-ai/kokoro/american-english', count: 1 } },
		];
		const result = await runSingleNode(fal(), accountNode('model', 'estimateCost', { plannedRequests: planned, estimateFor: 'batch' }), { items: rows });
		const output = result.output(NODE);
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			estimate_type: 'unit_price',
			total_cost: 0.145,
			currency: 'USD',
			endpoints: [
				{ endpoint_id: 'fal-ai/flux/dev', quantity: 5 },
				{ endpoint_id: 'fal-ai/kokoro/american-english', quantity: 1 },
			],
			items: 3,
		});
		expect(fal().requestsOf('pricing-estimate')[0].body).toEqual({
			estimate_type: 'unit_price',
			endpoints: { 'fal-ai/flux/dev': { unit_quantity: 5 }, 'fal-ai/kokoro/american-english': { unit_quantity: 1 } },
		});

		fal().reset();
		const each = await runSingleNode(fal(), accountNode('model', 'estimateCost', { plannedRequests: planned }), { items: rows });
		expect(each.output(NODE).map((item) => item.json.total_cost)).toEqual([0.05, 0.075, 0.02]);
	});
});

describe('Fal.ai Account: usage and analytics', () => {
	it('Get Usage over the last 7 days: day buckets and a summary of billed units and cost', async () => {
		const result = await runSingleNode(fal(), accountNode('usage', 'getUsage', { timeRange: '7d', usageEndpointIds: 'fal-ai/flux/dev' }));
		const range = sentRange('usage');
		expect(range.end - range.start).toBe(7 * DAY);
		const [item] = result.output(NODE);
		expect(item.json.time_range).toMatchObject({ range: '7d' });
		expect(item.json.summary).toEqual([{ endpoint_id: 'fal-ai/flux/dev', unit: 'megapixels', quantity: 43, unit_price: 0.025, cost: 1.075, currency: 'USD' }]);
		const series = item.json.time_series as Array<{ bucket: string; results: Array<{ quantity: number }> }>;
		expect(series.length).toBeGreaterThanOrEqual(7);
		expect(series.length).toBeLessThanOrEqual(8);
		expect(series.flatMap((bucket) => bucket.results).reduce((sum, line) => sum + line.quantity, 0)).toBe(43);
		expect(new Date(series[1].bucket).getTime() - new Date(series[0].bucket).getTime()).toBe(DAY);
	});

	it('Get Usage follows fal\'s pages: hourly buckets over 7 days come in two pages, joined into one item', async () => {
		const result = await runSingleNode(fal(), accountNode('usage', 'getUsage', { timeRange: '7d', usageEndpointIds: 'fal-ai/flux/dev', usageTimeframe: 'hour', usageExpand: ['time_series'] }));
		expect(fal().requestsOf('usage').map((request) => request.query.cursor)).toEqual([undefined, 'Mg==']);
		const [item] = result.output(NODE);
		const series = item.json.time_series as Array<{ bucket: string; results: Array<{ quantity: number }> }>;
		expect(series.length).toBeGreaterThanOrEqual(168);
		expect(new Set(series.map((bucket) => bucket.bucket)).size).toBe(series.length);
		expect(series.flatMap((bucket) => bucket.results).reduce((sum, line) => sum + line.quantity, 0)).toBe(43);
		expect(item.json).toMatchObject({ complete: true });
		expect(item.json).not.toHaveProperty('next_cursor');
	});

	it('Get Usage always asks for a time series or a summary', async () => {
		await runSingleNode(fal(), accountNode('usage', 'getUsage', { usageExpand: ['auth_method'] }));
		expect(fal().requestsOf('usage')[0].query.expand).toBe('time_series,auth_method');
	});

	it.each([
		['30m', 30 * 60_000],
		['1h', 3_600_000],
		['24h', DAY],
		['30d', 30 * DAY],
	])('time range preset %s sends a range of that length ending now', async (timeRange, length) => {
		const before = Date.now();
		await runSingleNode(fal(), accountNode('usage', 'getUsage', { timeRange }));
		const range = sentRange('usage');
		expect(range.end - range.start).toBe(length);
		expect(range.end).toBeGreaterThanOrEqual(before - 1000);
	});

	it('"Last Month" and "This Month" are calendar months in UTC; "Custom" takes the dates given', async () => {
		await runSingleNode(fal(), accountNode('usage', 'getUsage', { timeRange: 'lastMonth' }));
		const last = sentRange('usage');
		const now = new Date();
		expect(new Date(last.start).toISOString()).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString());
		expect(last.end + 1).toBe(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

		await runSingleNode(fal(), accountNode('usage', 'getUsage', { timeRange: 'thisMonth' }));
		expect(sentRange('usage').start).toBe(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

		await runSingleNode(fal(), accountNode('usage', 'getUsage', { timeRange: 'custom', startDate: '2025-03-01T00:00:00Z', endDate: '2025-03-02T12:00:00Z' }));
		expect(sentRange('usage')).toEqual({ start: Date.parse('2025-03-01T00:00:00Z'), end: Date.parse('2025-03-02T12:00:00Z') });

		const backwards = await runSingleNode(fal(), accountNode('usage', 'getUsage', { timeRange: 'custom', startDate: '2025-03-02T00:00:00Z', endDate: '2025-03-01T00:00:00Z' }));
		expect(backwards.error?.message).toBe('Item 0: "Start" is after "End"');
	});

	it('Get Analytics over the last 24 hours: the chosen metrics per time bucket and in total', async () => {
		const result = await runSingleNode(
			fal(),
			accountNode('usage', 'getAnalytics', {
				...endpoint('fal-ai/flux/dev'),
				timeRange: '24h',
				metrics: ['request_count', 'user_error_count', 'error_count', 'p50_duration', 'p90_duration'],
			}),
		);
		expect(fal().requestsOf('analytics')[0].query).toMatchObject({
			endpoint_id: 'fal-ai/flux/dev',
			expand: 'time_series,summary,request_count,user_error_count,error_count,p50_duration,p90_duration',
		});
		const [item] = result.output(NODE);
		expect(item.json.summary).toEqual([{ endpoint_id: 'fal-ai/flux/dev', request_count: 8, user_error_count: 1, error_count: 0, p50_duration: 2, p90_duration: 5 }]);
		const series = item.json.time_series as Array<{ results: Array<{ request_count: number }> }>;
		expect(series.reduce((sum, bucket) => sum + bucket.results[0].request_count, 0)).toBe(8);
	});
});

describe('Fal.ai Account: requests', () => {
	it('List with Return All follows every page (240 requests in the last 30 days, pages of 100)', async () => {
		const result = await runSingleNode(fal(), accountNode('request', 'list', { ...endpoint('fal-ai/flux/dev'), timeRange: '30d', returnAll: true }));
		const output = result.output(NODE);
		expect(output).toHaveLength(240);
		expect(fal().requestsOf('requests').map((request) => request.query.limit)).toEqual(['100', '100', '100']);
		expect(output[0].json).toMatchObject({ endpoint_id: 'fal-ai/flux/dev', request_id: 'past-fal-ai-flux-dev-0', status_code: 200, duration: 1 });
		expect(output[0].json.json_input).toBeUndefined();
		const ended = output.map((item) => String(item.json.ended_at));
		expect([...ended].sort().reverse()).toEqual(ended);
	});

	it('List with a Limit stops once it has that many, keeping the page size so fal\'s page cursor stays right', async () => {
		const result = await runSingleNode(fal(), accountNode('request', 'list', { ...endpoint('fal-ai/flux/dev'), timeRange: '30d', limit: 150 }));
		const output = result.output(NODE);
		expect(output).toHaveLength(150);
		expect(new Set(output.map((item) => item.json.request_id)).size).toBe(150);
		expect(output[149].json.request_id).toBe('past-fal-ai-flux-dev-149');
		expect(fal().requestsOf('requests').map((request) => [request.query.limit, request.query.cursor])).toEqual([
			['100', undefined],
			['100', 'Mg=='],
		]);
	});

	it('List with a small Limit asks for one page of that size', async () => {
		const result = await runSingleNode(fal(), accountNode('request', 'list', { ...endpoint('fal-ai/flux/dev'), timeRange: '30d', limit: 5 }));
		expect(result.output(NODE)).toHaveLength(5);
		expect(fal().requestsOf('requests').map((request) => request.query.limit)).toEqual(['5']);
	});

	it('List filters by status and adds the payloads when asked', async () => {
		const result = await runSingleNode(
			fal(),
			accountNode('request', 'list', { ...endpoint('fal-ai/flux/dev'), timeRange: '7d', requestStatus: 'error', returnAll: true, requestOptions: { includePayloads: true } }),
		);
		const output = result.output(NODE);
		expect(output).toHaveLength(5);
		expect(output.every((item) => item.json.status_code === 500)).toBe(true);
		expect(output[0].json.json_input).toEqual({ prompt: 'past request 9' });
		expect(fal().requestsOf('requests')[0].query).toMatchObject({ status: 'error', expand: 'payloads' });
	});

	it('lists a request just made, then deletes its payloads', async () => {
		const generated = await runSingleNode(fal(), imageNode({ prompt: 'a lighthouse', outputMedia: 'url' }));
		const requestId = generated.output('Generate Image')[0].json.request_id as string;

		const listed = await runSingleNode(fal(), accountNode('request', 'list', { ...endpoint('fal-ai/flux/dev'), timeRange: '1h', returnAll: true }));
		expect(listed.output(NODE).map((item) => item.json.request_id)).toEqual([requestId]);

		const deleted = await runWorkflowWith(fal(), [
			imageNode({ prompt: 'a harbour', outputMedia: 'url' }),
			accountNode('request', 'deletePayloads', { requestId: '={{ $json.request_id }}' }),
		]);
		const [item] = deleted.output(NODE);
		expect(item.json).toMatchObject({ deleted: true, files_deleted: 1, files_failed: 0 });
		expect(fal().requestsOf('delete-payloads')[0].requestId).toBe(item.json.request_id);

		const unknown = await runSingleNode(fal(), accountNode('request', 'deletePayloads', { requestId: 'no-such-request' }));
		expect(unknown.error?.message).toBe('Item 0: fal knows no request "no-such-request" (404)');
	});
});

describe('Fal.ai Account: workflows', () => {
	it('List returns every workflow with the endpoint ID that runs it; Limit cuts the list', async () => {
		const all = await runSingleNode(fal(), accountNode('workflow', 'list', { returnAll: true }));
		expect(all.output(NODE).map((item) => item.json.endpoint_id)).toEqual([
			'workflows/fake-user/script-to-speech',
			'workflows/fake-user/product-shots',
			'workflows/fake-user/podcast-clip',
		]);
		const two = await runSingleNode(fal(), accountNode('workflow', 'list', { limit: 2 }));
		expect(two.output(NODE).map((item) => item.json.workflow_id)).toEqual(['fake-user/script-to-speech', 'fake-user/product-shots']);

		const speaking = await runSingleNode(fal(), accountNode('workflow', 'list', { returnAll: true, workflowFilters: { usedEndpointIds: 'fal-ai/kokoro/american-english, fal-ai/whisper' } }));
		expect(speaking.output(NODE).map((item) => item.json.name)).toEqual(['podcast-clip']);
		expect(fal().requestsOf('workflows').at(-1)?.query).toMatchObject({ used_endpoint_ids: 'fal-ai/kokoro/american-english,fal-ai/whisper' });
	});

	it('Get returns a workflow\'s details and input schema; an unknown one fails readably', async () => {
		const result = await runSingleNode(fal(), accountNode('workflow', 'get', { workflowId: 'workflows/fake-user/script-to-speech' }));
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ workflow_id: 'fake-user/script-to-speech', endpoint_id: 'workflows/fake-user/script-to-speech', title: 'Script to speech' });
		expect(item.json.input_schema).toMatchObject({ prompt: { type: 'string', required: true } });
		expect(fal().requestsOf('workflow')[0].path).toMatch(/\/workflows\/fake-user\/script-to-speech$/);

		const missing = await runSingleNode(fal(), accountNode('workflow', 'get', { workflowId: 'fake-user/nothing' }));
		expect(missing.error?.message).toBe('Item 0: fal knows no workflow "fake-user/nothing" in this account (404)');
	});
});
