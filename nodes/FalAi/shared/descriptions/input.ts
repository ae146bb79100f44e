/**
 * "Additional Input (Raw JSON, Applied Last)": any model parameter, as JSON, for what the other
 * sections do not cover. Its label says it is raw JSON and that it wins over everything else.
 */
import type { INodeProperties } from 'n8n-workflow';

/** The label of `additionalInput`, for messages that send the user there. */
export const ADDITIONAL_INPUT_LABEL = 'Additional Input (Raw JSON, Applied Last)';

/** Parameter `additionalInput`, merged last into the model input. */
export const additionalInputProperty: INodeProperties = {
	displayName: ADDITIONAL_INPUT_LABEL,
	name: 'additionalInput',
	type: 'json',
	default: '{}',
	description:
		'Extra model input fields as a JSON object, merged last so they override every field above. See the model\'s API page on fal.ai for its parameters.',
	hint: 'Advanced: raw JSON merged last, so a key here overrides the same input set above',
	placeholder: '{"enable_safety_checker": false}',
};
