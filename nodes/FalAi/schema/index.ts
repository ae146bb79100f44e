/**
 * Endpoint input schemas: read from fal's OpenAPI documents, shown as n8n resource mapper
 * fields ("Model Inputs"), and used to check and convert the mapped values before a submit.
 */
export { TtlCache, type TtlCacheOptions } from './cache';
export {
	coerceModelInputs,
	findMissingRequired,
	type CoercedModelInputs,
	type CoerceOptions,
	type MediaEntry,
	type PendingUpload,
} from './coerce';
export { ModelInputError } from './errors';
export { FAL_INTERNAL_INPUTS, orderedProperties, rangeText, toResourceMapperFields, type ResourceMapperFieldOptions } from './fields';
export { humanize, inputLabel, optionLabel } from './labels';
export { foldObjectAlternatives, hasObjectAlternative, objectAlternativeId } from './objectAlternative';
export { schemaFromMapperFields } from './fromMapperFields';
export {
	clearInputSchemaCache,
	loadInputSchema,
	SCHEMA_CACHE_MAX_ENTRIES,
	SCHEMA_CACHE_TTL_MS,
	SCHEMA_FAILURE_TTL_MS,
	type LoadSchemaOptions,
} from './load';
export { mediaFieldShape, type MediaFieldShape } from './media';
export { normalizeSchema } from './normalize';
export { extractInputSchema } from './openApi';
export type { InputSchemaNode, ModelInputSchema, SchemaType } from './types';
