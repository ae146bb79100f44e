/**
 * The "Model Inputs" parameter exactly as n8n 2.8's editor stores it once it has loaded the
 * fields (no input added): every field of the endpoint marked removed, no values.
 *
 * The shipped examples carry it, because the editor writes it into a node the first time the
 * node is opened when it is missing, and that write marks the last run's output as stale
 * ("Node parameters have changed") although the user changed nothing. With it stored, opening
 * the node changes nothing. The fields come from the fake fal's catalogue, which is what
 * `npm start` runs against without a key.
 */
import type { ResourceMapperValue } from 'n8n-workflow';

import { imageTypedInputs } from '../../nodes/FalAi/GenerateImage/typedInputs';
import { videoTypedInputs } from '../../nodes/FalAi/GenerateVideo/typedInputs';
import { transcribeTypedInputs } from '../../nodes/FalAi/Transcribe/typedInputs';
import { extractInputSchema, toResourceMapperFields, type ModelInputSchema } from '../../nodes/FalAi/schema';
import { findModel } from '../fake-fal/catalog';
import { openApiDocument } from '../fake-fal/openapi';

const TYPED_INPUTS: Record<string, (endpointId: string, schema: ModelInputSchema) => Iterable<string>> = {
	'n8n-nodes-falai.falAiGenerateImage': imageTypedInputs,
	'n8n-nodes-falai.falAiGenerateVideo': videoTypedInputs,
	'n8n-nodes-falai.falAiTranscribe': transcribeTypedInputs,
};

/** Whether a node of `type` has Model Inputs. */
export function hasModelInputs(type: string): boolean {
	return type in TYPED_INPUTS;
}

export function editorModelInputs(type: string, endpointId: string): ResourceMapperValue {
	const model = findModel(endpointId);
	if (!model) throw new Error(`the fake fal has no schema for ${endpointId}`);
	const schema = extractInputSchema(openApiDocument(model), endpointId);
	if (!schema) throw new Error(`no input schema in the fake's document for ${endpointId}`);
	const fields = toResourceMapperFields(schema, { hidden: [...TYPED_INPUTS[type](endpointId, schema)] });
	// JSON round trip: what the editor receives over HTTP (no undefined members).
	const stored = JSON.parse(JSON.stringify(fields.map((field) => ({ ...field, removed: true })))) as ResourceMapperValue['schema'];
	return {
		mappingMode: 'defineBelow',
		value: {},
		matchingColumns: [],
		schema: stored,
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}
