/**
 * The "Model Inputs" resource mapper's field list: the chosen endpoint's input schema, read
 * from fal's platform API (cached), as typed n8n fields.
 *
 * It never throws. n8n 2.8's editor shows nothing at all for a resource mapper whose method
 * failed when the mapping-mode selector is off (ours is), so every reason for having no fields
 * comes back as `emptyFieldsNotice`, which the editor shows in place of the fields. The editor
 * stores no field list then, so it asks again each time the node is opened: once the cause is
 * fixed (the key, the network), the inputs appear without picking the model again.
 */
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { parseEndpointId } from '../client/endpoint';
import { FalApiError, FalNetworkError } from '../client/errors';
import { ADDITIONAL_INPUT_LABEL } from '../shared/descriptions/input';
import { loadInputSchema, toResourceMapperFields, type ModelInputSchema } from '../schema';
import { withFalClient } from '../transport';

/** The inputs a node's typed fields set for an endpoint: Model Inputs does not offer them. */
export type TypedInputsOf = (endpointId: string, schema: ModelInputSchema) => Iterable<string>;

type ResourceMapperMethod = (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>;

/** What to do when Model Inputs cannot list a model's inputs. */
const FALLBACK = `Meanwhile, any input can be set in "${ADDITIONAL_INPUT_LABEL}".`;
const REOPEN = 'then close and reopen this node: the inputs appear without picking the model again.';
const EXPRESSION =
	'A model given as an expression has no inputs to list while editing: they appear when the model is a fixed endpoint ID ("From List" or "By ID").';

/**
 * A `methods.resourceMapping` entry for a node whose model picker is `model`, listing every
 * input of the endpoint except those `typedInputs` names (kept with `display: false`).
 */
export function createModelInputFieldsMethod(typedInputs?: TypedInputsOf): ResourceMapperMethod {
	return async function (this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
		const chosen = this.getCurrentNodeParameter('model', { extractValue: true });
		const text = typeof chosen === 'string' ? chosen.trim() : '';
		// The editor resolves expressions before asking, so a model given as an expression it
		// cannot resolve yet (no input data) arrives empty, not as "={{ … }}".
		if (!text) return notice(`Pick a model to see its inputs. ${EXPRESSION} ${FALLBACK}`);
		if (text.startsWith('=')) return notice(`${EXPRESSION} ${FALLBACK}`);
		let endpointId: string;
		try {
			endpointId = parseEndpointId(text).id;
		} catch (error) {
			return notice(`"${text}" is not a valid endpoint ID: ${(error as Error).message}`);
		}

		let schema: ModelInputSchema | undefined;
		try {
			schema = await withFalClient(this, async (client) => await loadInputSchema(client, endpointId));
		} catch (error) {
			return notice(loadFailure(error, endpointId));
		}
		if (!schema) {
			return notice(`fal publishes no input schema for "${endpointId}", so its inputs cannot be listed here. ${FALLBACK}`);
		}
		const hidden = typedInputs ? [...typedInputs(endpointId, schema)] : [];
		return { fields: toResourceMapperFields(schema, { hidden }) };
	};
}

/** `methods.resourceMapping.getModelInputFields` of a node without typed inputs: every input. */
export const getModelInputFields = createModelInputFieldsMethod();

function notice(text: string): ResourceMapperFields {
	return { fields: [], emptyFieldsNotice: text };
}

/** Why the schema could not be read, and what to do about it. */
function loadFailure(error: unknown, endpointId: string): string {
	if (error instanceof FalApiError && (error.status === 401 || error.status === 403)) {
		const what =
			error.status === 401
				? 'fal did not accept the API key of this node\'s credential (401)'
				: 'fal refused the API key of this node\'s credential (403: no permission, or the account is locked)';
		return `${what}, so the inputs of "${endpointId}" cannot be read. Fix the key in the credential, ${REOPEN} ${FALLBACK}`;
	}
	if (error instanceof FalNetworkError) {
		return `fal's platform API could not be reached (${error.message}), so the inputs of "${endpointId}" cannot be read. Check the network and the credential's host URLs, ${REOPEN} ${FALLBACK}`;
	}
	const reason = error instanceof FalApiError ? `fal answered ${error.status}` : error instanceof Error ? error.message : String(error);
	return `The inputs of "${endpointId}" could not be read from fal's platform API (${reason}). Try again later: ${REOPEN.replace(/^then /, '')} ${FALLBACK}`;
}
