/**
 * Options shared by the webhook receivers (the Fal.ai Trigger and "Wait for Webhook").
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOLERANCE_SECONDS } from '../../client/webhooks';

/** "Timestamp Tolerance (Seconds)" (`timestampTolerance`), an entry of an `options` collection. */
export const timestampToleranceOption: INodeProperties = {
	displayName: 'Timestamp Tolerance (Seconds)',
	name: 'timestampTolerance',
	type: 'number',
	default: DEFAULT_TOLERANCE_SECONDS,
	typeOptions: { minValue: 1 },
	description:
		"How far a delivery's signed timestamp may be from now. Older calls are refused as replays. fal does not document whether it signs a retried delivery again; if retries arriving after this window are refused (the debug log shows their age), raise it.",
};

/** The tolerance option's value, or the default when unset or not a positive number. */
export function readToleranceSeconds(options: Record<string, unknown>): number {
	const raw = options.timestampTolerance;
	const value = typeof raw === 'string' && raw.trim() ? Number(raw) : raw;
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_TOLERANCE_SECONDS;
}
