/**
 * The model input schema as this package uses it: an endpoint's OpenAPI (JSON Schema) input with
 * every `$ref` resolved, `allOf` merged and "or null" alternatives folded into `nullable`, so the
 * field builder and the validator deal with one plain shape.
 */

/** JSON Schema's value types (without `null`, which is the `nullable` flag). */
export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** One schema node. A node without `type` (and without `anyOf`) accepts any value. */
export interface InputSchemaNode {
	type?: SchemaType;
	title?: string;
	description?: string;
	default?: unknown;
	/** Allowed values (strings, numbers or booleans). */
	enum?: Array<string | number | boolean>;
	format?: string;
	/** Whether `null` is allowed: `nullable: true`, `type: [x, 'null']` or an `anyOf` null branch. */
	nullable?: boolean;
	minimum?: number;
	maximum?: number;
	/** Exclusive bounds as numbers (OpenAPI 3.0's boolean form is converted). */
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	/** Objects: their properties, required names and display order (`x-fal-order-properties`). */
	properties?: Record<string, InputSchemaNode>;
	required?: string[];
	order?: string[];
	/** Arrays: the schema of each item. */
	items?: InputSchemaNode;
	/** Two or more alternatives a value may match (e.g. a size preset or `{width, height}`). */
	anyOf?: InputSchemaNode[];
}

/** An endpoint's input: the root object schema and where it came from. */
export interface ModelInputSchema {
	endpointId: string;
	/** Name of the schema in `components.schemas`, e.g. `FluxDevInput`. */
	name: string;
	root: InputSchemaNode;
}
