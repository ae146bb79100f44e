/**
 * "Additional Input (JSON)": any model parameter the typed fields do not cover.
 */
import type { INodeProperties } from 'n8n-workflow';

/** Parameter `additionalInput`, merged last into the model input. */
export const additionalInputProperty: INodeProperties = {
	displayName: 'Additional Input (JSON)',
	name: 'additionalInput',
	type: 'json',
	default: '{}',
	description:
		'Extra model input fields as a JSON object, merged last so they override the fields above. See the model\'s API page on fal.ai for its parameters.',
	placeholder: '{"enable_safety_checker": false}',
};
