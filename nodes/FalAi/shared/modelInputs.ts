/**
 * Reads the "Model Inputs" resource mapper of one item: its values checked and converted
 * against the endpoint's input schema (loaded from fal, cached), then the binary fields named
 * by media inputs uploaded to fal storage.
 *
 * When the schema cannot be loaded at execution time (platform API unreachable, e.g. behind a
 * gateway), the field list the mapper stored with the node stands in for it; the failed load is
 * remembered for a minute, so the other items do not retry it.
 */
import type { IDataObject, IExecuteFunctions, INode, ResourceMapperValue } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import {
	coerceModelInputs,
	findMissingRequired,
	ModelInputError,
	schemaFromMapperFields,
	type InputSchemaNode,
	type PendingUpload,
} from '../schema';
import { endpointSchemaIfAvailable } from './endpointSchema';
import { uploadBinaryProperty } from './mediaInput';

/** The checked Model Inputs of one item. */
export interface MappedModelInputs {
	/** Converted values; a media field given as binary field names holds the names until uploaded. */
	values: IDataObject;
	uploads: PendingUpload[];
	/** The schema they were checked against (its required fields apply to the whole input). */
	root: InputSchemaNode;
}

/**
 * The item's Model Inputs, checked against the endpoint's schema, or undefined when none is set
 * (the schema is then not even loaded).
 * @throws NodeOperationError naming the item and the field of the first value that does not fit.
 */
export async function readModelInputs(
	this: IExecuteFunctions,
	client: FalClient,
	endpointId: string,
	itemIndex: number,
	signal?: AbortSignal,
): Promise<MappedModelInputs | undefined> {
	const mapper = this.getNodeParameter('modelInputs', itemIndex, null) as ResourceMapperValue | null;
	const values = addedValues(mapper);
	const isSet = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && !value.trim());
	if (!Object.values(values).some(isSet)) return undefined;

	const root = await schemaRoot(client, endpointId, mapper, signal);
	const binary = this.getInputData()[itemIndex]?.binary ?? {};
	try {
		const coerced = coerceModelInputs(values, root, { itemIndex, hasBinary: (name) => Object.prototype.hasOwnProperty.call(binary, name) });
		return { values: coerced.values as IDataObject, uploads: coerced.uploads, root };
	} catch (error) {
		throw inputError(this.getNode(), error);
	}
}

/**
 * The values of the fields the user added and can see. n8n 2.8's editor leaves the others out,
 * but a value stored for a field marked removed (older editors, hand-edited or imported
 * workflows) must not reach fal either, where e.g. a `false` could switch off the safety checker;
 * nor one of a field the editor no longer shows (`display: false`: an input a typed field of
 * the node sets, or a fal-internal one), which would override what the user sees.
 */
function addedValues(mapper: ResourceMapperValue | null): Record<string, unknown> {
	const fields = Array.isArray(mapper?.schema) ? mapper.schema : [];
	const hidden = new Set(fields.filter((field) => field.removed || field.display === false).map((field) => field.id));
	return Object.fromEntries(Object.entries(mapper?.value ?? {}).filter(([key]) => !hidden.has(key)));
}

/** The live schema, else the mapper's stored fields (fal still validates on submit). */
async function schemaRoot(
	client: FalClient,
	endpointId: string,
	mapper: ResourceMapperValue | null,
	signal?: AbortSignal,
): Promise<InputSchemaNode> {
	const schema = await endpointSchemaIfAvailable(client, endpointId, signal);
	return schema?.root ?? schemaFromMapperFields(Array.isArray(mapper?.schema) ? mapper.schema : []);
}

/**
 * Uploads the binary fields named by media Model Inputs and returns those inputs as URLs.
 * Inputs also set in "Additional Input (Raw JSON, Applied Last)" (`overridden`) are skipped; a binary field named
 * twice in one item is uploaded once.
 */
export async function uploadModelInputBinaries(
	this: IExecuteFunctions,
	client: FalClient,
	mapped: MappedModelInputs,
	itemIndex: number,
	overridden: IDataObject,
	signal?: AbortSignal,
): Promise<IDataObject> {
	const uploaded = new Map<string, string>();
	const urlOf = async (property: string): Promise<string> => {
		let url = uploaded.get(property);
		if (url === undefined) {
			url = (await uploadBinaryProperty.call(this, client, itemIndex, property, { signal })).url;
			uploaded.set(property, url);
		}
		return url;
	};
	const result: IDataObject = {};
	for (const pending of mapped.uploads) {
		if (pending.key in overridden) continue;
		const urls: string[] = [];
		for (const entry of pending.entries) urls.push('url' in entry ? entry.url : await urlOf(entry.binaryProperty));
		result[pending.key] = pending.shape === 'list' ? urls : urls[0];
	}
	return result;
}

/** Fails when the final input lacks a field the endpoint's schema requires. */
export function assertSchemaRequired(node: INode, itemIndex: number, input: IDataObject, root: InputSchemaNode): void {
	const missing = findMissingRequired(input, root);
	if (missing === undefined) return;
	throw new NodeOperationError(node, `Item ${itemIndex}: the model requires "${missing}"`, {
		description: `Set "${missing}" in "Model Inputs" (or in the matching field above, or in "Additional Input (Raw JSON, Applied Last)").`,
		itemIndex,
	});
}

function inputError(node: INode, error: unknown): NodeOperationError {
	if (!(error instanceof ModelInputError)) return new NodeOperationError(node, error as Error);
	return new NodeOperationError(node, error.message, {
		description: `Fix "${error.field}" in "Model Inputs"; the input was checked against the schema fal publishes for the model, and nothing was sent.`,
		itemIndex: error.itemIndex,
	});
}
