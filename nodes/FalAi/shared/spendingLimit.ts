/**
 * "Max Estimated Cost per Execution (USD)": prices each item's planned request before it is
 * submitted and refuses, naming estimate, limit and item, the first item that would take the
 * execution's total past the limit.
 *
 * Items run concurrently, but they are admitted in input order (each waits for the items before
 * it to be admitted or to fail), so which items fit under the limit never depends on timing.
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { unitQuantity } from './costQuantity';
import { priceOf } from './priceCache';
import { readOptions } from './settings';

/** What to do when fal publishes no price for the endpoint (option `unpricedEndpoints`). */
export type UnpricedPolicy = 'block' | 'allow';

export interface SpendingLimitSettings {
	maxUsd: number;
	unpriced: UnpricedPolicy;
}

/** An item's planned request, priced. */
interface PricedRequest {
	usd: number | null;
	unit?: string;
	unit_price?: number;
	quantity?: number;
	currency?: string;
	/** Set when the input did not give the quantity and one unit was assumed. */
	quantity_assumed?: boolean;
	note?: string;
}

/** The estimate added to an item's output as `cost_estimate`. */
export interface ItemCostEstimate extends PricedRequest {
	/** The execution's estimated total once this item is admitted. */
	execution_total_usd: number;
	limit_usd: number;
}

const OPTION = '"Max Estimated Cost per Execution (USD)"';

/** The limit set on the node (read from the first item), or undefined when none is set. */
export function readSpendingLimit(ctx: IExecuteFunctions): SpendingLimitSettings | undefined {
	if (!ctx.getInputData().length) return undefined;
	const options = readOptions(ctx, 0);
	const raw = options.maxCostUsd;
	const maxUsd = typeof raw === 'string' ? Number(raw) : raw;
	if (typeof maxUsd !== 'number' || !Number.isFinite(maxUsd) || maxUsd <= 0) return undefined;
	return { maxUsd, unpriced: options.unpricedEndpoints === 'allow' ? 'allow' : 'block' };
}

export class ExecutionBudget {
	private totalUsd = 0;
	private readonly turns: Array<{ promise: Promise<void>; open: () => void }>;

	constructor(
		private readonly node: INode,
		private readonly settings: SpendingLimitSettings,
		itemCount: number,
	) {
		this.turns = Array.from({ length: itemCount }, () => {
			let open = () => {};
			const promise = new Promise<void>((resolve) => (open = resolve));
			return { promise, open };
		});
	}

	/**
	 * Prices the item's request and admits it, or throws when it would pass the limit (or has no
	 * price and unpriced endpoints are blocked). Call before anything is submitted.
	 */
	async admit(client: FalClient, itemIndex: number, endpointId: string, input: IDataObject, signal?: AbortSignal): Promise<ItemCostEstimate> {
		try {
			const priced = await this.price(client, endpointId, input, signal);
			if (itemIndex > 0) await this.turns[itemIndex - 1]?.promise;
			const limit = this.settings.maxUsd;
			if (priced.usd === null) {
				if (this.settings.unpriced === 'block') {
					throw new NodeOperationError(this.node, `Item ${itemIndex}: ${priced.note}, so its cost cannot be checked against the ${OPTION} of ${usd(limit)}; nothing was submitted`, {
						description: 'Set "Unpriced Endpoints" to "Run Anyway" in the options to run endpoints without a published price.',
						itemIndex,
					});
				}
				return { ...priced, execution_total_usd: round(this.totalUsd), limit_usd: limit };
			}
			const total = this.totalUsd + priced.usd;
			if (total > limit + 1e-9) {
				throw new NodeOperationError(
					this.node,
					`Item ${itemIndex}: estimated cost ${usd(priced.usd)} would bring this execution to ${usd(total)}, over the ${OPTION} of ${usd(limit)}; nothing was submitted for this item`,
					{
						description: `${priced.quantity} × ${usd(priced.unit_price ?? 0)} per ${priced.unit}${priced.quantity_assumed ? ' (quantity assumed: the input does not give it)' : ''}. Raise the limit or send fewer or smaller requests.`,
						itemIndex,
					},
				);
			}
			this.totalUsd = total;
			return { ...priced, execution_total_usd: round(total), limit_usd: limit };
		} finally {
			this.pass(itemIndex);
		}
	}

	/** Lets the next item be admitted: call when this item ends without reaching `admit`. */
	pass(itemIndex: number): void {
		this.turns[itemIndex]?.open();
	}

	private async price(
		client: FalClient,
		endpointId: string,
		input: IDataObject,
		signal?: AbortSignal,
	): Promise<PricedRequest> {
		let price;
		try {
			price = await priceOf(client, endpointId, signal);
		} catch (error) {
			return { usd: null, note: `fal's price for "${endpointId}" could not be loaded (${(error as Error).message})` };
		}
		if (!price || !Number.isFinite(price.unit_price)) return { usd: null, note: `fal publishes no price for "${endpointId}"` };
		const { quantity, assumed } = unitQuantity(price.unit, input);
		const estimate: PricedRequest = {
			usd: round(price.unit_price * quantity),
			unit: price.unit,
			unit_price: price.unit_price,
			quantity,
			currency: price.currency,
		};
		if (assumed) estimate.quantity_assumed = true;
		return estimate;
	}
}

/** `$0.10`, `$0.025`, `$0.000125`: at least cents, at most six decimals. */
function usd(value: number): string {
	const [whole, decimals = ''] = value.toFixed(6).replace(/0+$/, '').split('.');
	return `$${whole}.${decimals.padEnd(2, '0')}`;
}

function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}
