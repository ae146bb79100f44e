/**
 * What a queue submit and a direct run both check before a model runs: the endpoint id is valid,
 * the `fake` directives are split off the input, and the model's required inputs are there.
 */
import { endpointIdOf, parseEndpointId } from './endpoint-id';
import { splitFakeDirectives, type FakeDirectives } from './fake-input';
import { detail, json, type Reply } from './http-util';
import { validateInput } from './models';

export interface AcceptedInput {
	/** The normalised full endpoint id. */
	endpointId: string;
	/** The model input, without the `fake` key. */
	input: unknown;
	directives: FakeDirectives;
}

/** The accepted input, or fal's error answer: 404 for an invalid id, 422 for a missing input. */
export function acceptInput(rawId: string, body: unknown): AcceptedInput | Reply {
	const parts = parseEndpointId(rawId);
	if (!parts) return detail(404, `Application '${rawId}' not found`);
	const endpointId = endpointIdOf(parts);
	const { input, directives } = splitFakeDirectives(body);
	const problems = validateInput(endpointId, input);
	if (problems.length > 0) return json(422, { detail: problems });
	return { endpointId, input, directives };
}

export function isAccepted(result: AcceptedInput | Reply): result is AcceptedInput {
	return 'directives' in result;
}
