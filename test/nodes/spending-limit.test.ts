/**
 * "Max Estimated Cost per Execution (USD)" on the model nodes, against the fake fal's prices:
 * each item's estimate in its output, refusal before anything is submitted once the execution's
 * total would pass the limit, endpoints without a published price, Continue On Fail.
 */
import { clearPriceCache } from '../../nodes/FalAi/shared/priceCache';
import type { HarnessNode } from '../harness';
import { imageNode, modelNode, runSingleNode, useFakeFal } from './support';

const fal = useFakeFal();
const SPEECH = 'Run Model';

beforeEach(() => clearPriceCache());

/** Kokoro costs $0.02 per 1000 characters on the fake: each item speaks `$json.text`. */
function speechNode(options: Record<string, unknown>, extra: Partial<HarnessNode> = {}): HarnessNode {
	return {
		...modelNode({ name: SPEECH, type: 'falAiRunModel', model: 'fal-ai/kokoro/american-english' }, {
			additionalInput: '={{ JSON.stringify({ text: $json.text }) }}',
			outputMedia: 'url',
			options,
		}),
		...extra,
	};
}

/** Items of 1000 characters each: $0.02 apiece. */
const thousandCharacterItems = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ json: { text: String(index).padEnd(1000, '.') } }));

describe('spending limit: estimates', () => {
	it('adds each item\'s estimate, unit and unit price to its output (Generate Image, megapixels)', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({ prompt: 'a fox', numImages: 2, imageSize: 'square_hd', outputMedia: 'url', options: { maxCostUsd: 1 } }),
		);
		const [item] = result.output('Generate Image');
		// 2 images of 1024 × 1024 = 2.097152 megapixels at $0.025.
		expect(item.json.cost_estimate_usd).toBe(0.052429);
		expect(item.json.cost_estimate).toEqual({
			usd: 0.052429,
			unit: 'megapixels',
			unit_price: 0.025,
			quantity: 2.097152,
			currency: 'USD',
			execution_total_usd: 0.052429,
			limit_usd: 1,
		});
		expect(fal().requestsOf('pricing')[0].query).toMatchObject({ endpoint_id: 'fal-ai/flux/dev' });
	});

	it('prices an endpoint once for all items and keeps a running execution total', async () => {
		const result = await runSingleNode(fal(), speechNode({ maxCostUsd: 1 }), { items: thousandCharacterItems(3) });
		const totals = result.output(SPEECH).map((item) => (item.json.cost_estimate as { execution_total_usd: number }).execution_total_usd);
		expect(totals).toEqual([0.02, 0.04, 0.06]);
		expect(result.output(SPEECH).map((item) => item.json.cost_estimate_usd)).toEqual([0.02, 0.02, 0.02]);
		expect(fal().requestsOf('pricing')).toHaveLength(1);
	});

	it('adds no estimate and asks for no price when no limit is set', async () => {
		const result = await runSingleNode(fal(), speechNode({}), { items: thousandCharacterItems(1) });
		expect(result.output(SPEECH)[0].json.cost_estimate_usd).toBeUndefined();
		expect(fal().requestsOf('pricing')).toHaveLength(0);
	});
});

describe('spending limit: refusals', () => {
	it('refuses before any submit when the first item alone passes the limit, naming estimate, limit and item', async () => {
		const result = await runSingleNode(fal(), speechNode({ maxCostUsd: 0.01 }), { items: thousandCharacterItems(2) });
		expect(result.error?.message).toBe(
			'Item 0: estimated cost $0.02 would bring this execution to $0.02, over the "Max Estimated Cost per Execution (USD)" of $0.01; nothing was submitted for this item',
		);
		expect(fal().requestsOf('pricing')).toHaveLength(1);
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('Continue On Fail: the items under the limit run, the one past it becomes an error item and is never submitted', async () => {
		const result = await runSingleNode(fal(), speechNode({ maxCostUsd: 0.05, maxConcurrency: 3 }, { continueOnFail: true }), {
			items: thousandCharacterItems(3),
		});
		const output = result.output(SPEECH);
		expect(output.map((item) => item.json.cost_estimate_usd)).toEqual([0.02, 0.02, undefined]);
		expect(output[2].json.error).toBe(
			'Item 2: estimated cost $0.02 would bring this execution to $0.06, over the "Max Estimated Cost per Execution (USD)" of $0.05; nothing was submitted for this item',
		);
		const submitted = fal().requestsOf('submit').map((request) => (request.body as { text: string }).text[0]);
		expect(submitted.sort()).toEqual(['0', '1']);
	});

	it('refuses an endpoint fal publishes no price for, unless told to run it anyway', async () => {
		const unpriced = (options: Record<string, unknown>) =>
			modelNode({ name: SPEECH, type: 'falAiRunModel', model: 'someone/brand-new-model' }, { additionalInput: '{"prompt": "hi"}', outputMedia: 'url', options });

		const refused = await runSingleNode(fal(), unpriced({ maxCostUsd: 1 }));
		expect(refused.error?.message).toBe(
			'Item 0: fal publishes no price for "someone/brand-new-model", so its cost cannot be checked against the "Max Estimated Cost per Execution (USD)" of $1.00; nothing was submitted',
		);
		expect(fal().requestsOf('submit')).toHaveLength(0);

		const allowed = await runSingleNode(fal(), unpriced({ maxCostUsd: 1, unpricedEndpoints: 'allow' }));
		const [item] = allowed.output(SPEECH);
		expect(item.json.cost_estimate_usd).toBeNull();
		expect(item.json.cost_estimate).toMatchObject({ usd: null, note: 'fal publishes no price for "someone/brand-new-model"', limit_usd: 1 });
		expect(fal().requestsOf('submit')).toHaveLength(1);
	});

	it('reads a video\'s seconds from its duration, and says so when it had to assume them', async () => {
		const veo = (additionalInput: string) =>
			modelNode({ name: 'Generate Video', type: 'falAiGenerateVideo', model: 'fal-ai/veo3' }, {
				prompt: 'a wave',
				outputMedia: 'url',
				additionalInput,
				options: { maxCostUsd: 10 },
			});
		const timed = await runSingleNode(fal(), veo('{"duration": "8s"}'));
		expect(timed.output('Generate Video')[0].json.cost_estimate).toMatchObject({ unit: 'seconds', unit_price: 0.75, quantity: 8, usd: 6 });
		expect(timed.output('Generate Video')[0].json.cost_estimate).not.toHaveProperty('quantity_assumed');

		const untimed = await runSingleNode(fal(), veo('{}'));
		expect(untimed.output('Generate Video')[0].json.cost_estimate).toMatchObject({ quantity: 1, quantity_assumed: true, usd: 0.75 });
	});
});
