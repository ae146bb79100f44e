/**
 * What the Realtime execution mode adds to a model node's description: the mode itself and
 * its option.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Value of the `executionMode` parameter for this mode. */
export const REALTIME_MODE = 'realtime';

/** The `executionMode` option. */
export const realtimeModeOption: INodePropertyOptions = {
	name: 'Realtime',
	value: REALTIME_MODE,
	description:
		"Send every item over one WebSocket to the model's realtime endpoint: no queue, no polling. Only for models built for it (e.g. fal-ai/fast-lcm-diffusion, fal-ai/fast-turbo-diffusion); needs n8n 2.10 or later (Node.js 22).",
};

/** "Resend Unanswered Items After a Drop" (`realtimeResendUnanswered`), an entry of the `options` collection. */
export const realtimeResendOption: INodeProperties = {
	displayName: 'Resend Unanswered Items After a Drop',
	name: 'realtimeResendUnanswered',
	type: 'boolean',
	default: false,
	description:
		'Whether items sent but not yet answered when the connection drops are sent again after it reconnects. Fal may already have run (and billed) them, so they may run twice; when off they fail with an error instead.',
	displayOptions: { show: { '/executionMode': [REALTIME_MODE] } },
};

/** The options collection entries of this mode. */
export const realtimeOptions: INodeProperties[] = [realtimeResendOption];
