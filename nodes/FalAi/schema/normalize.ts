/**
 * Turns a raw JSON Schema from an OpenAPI document into an {@link InputSchemaNode}.
 *
 * fal's documents are generated from pydantic models, so the same idea comes in several
 * spellings: a field typed by another model is a `$ref` (sometimes wrapped in `allOf` to carry a
 * description), an optional field is `nullable: true`, `type: [x, "null"]` or `anyOf: [x, null]`.
 * Everything is reduced to one spelling here; a `$ref` that points back at a schema being
 * resolved (a recursive model) becomes "any value" instead of looping.
 */
import type { InputSchemaNode, SchemaType } from './types';

type Raw = Record<string, unknown>;

const SCHEMA_TYPES: SchemaType[] = ['string', 'integer', 'number', 'boolean', 'object', 'array'];
const REF_PREFIX = '#/components/schemas/';

/** Normalises `raw`, resolving `$ref`s against `schemas` (an OpenAPI `components.schemas`). */
export function normalizeSchema(raw: unknown, schemas: Record<string, unknown>): InputSchemaNode {
	return normalize(raw, schemas, []);
}

function normalize(raw: unknown, schemas: Record<string, unknown>, resolving: string[]): InputSchemaNode {
	if (!isRaw(raw)) return {};
	let base: InputSchemaNode = {};

	if (typeof raw.$ref === 'string') base = overlay(base, resolveRef(raw.$ref, schemas, resolving));
	if (Array.isArray(raw.allOf)) {
		for (const part of raw.allOf) base = overlay(base, normalize(part, schemas, resolving));
	}
	const alternatives = [raw.anyOf, raw.oneOf].find(Array.isArray) as unknown[] | undefined;
	if (alternatives) base = overlay(base, combineAlternatives(alternatives, schemas, resolving));

	return inferType(overlay(base, ownKeywords(raw, schemas, resolving)));
}

function resolveRef(ref: string, schemas: Record<string, unknown>, resolving: string[]): InputSchemaNode {
	if (!ref.startsWith(REF_PREFIX)) return {};
	const name = decodeURIComponent(ref.slice(REF_PREFIX.length));
	if (resolving.includes(name) || !(name in schemas)) return {};
	// A model's title is its class name ("OutputFormat"); the field that refers to it names itself.
	const resolved = normalize(schemas[name], schemas, [...resolving, name]);
	delete resolved.title;
	return resolved;
}

/** `anyOf` / `oneOf`: null branches make the node nullable; one real branch is the node itself. */
function combineAlternatives(
	alternatives: unknown[],
	schemas: Record<string, unknown>,
	resolving: string[],
): InputSchemaNode {
	const branches = alternatives.filter((branch) => !isNullSchema(branch)).map((branch) => normalize(branch, schemas, resolving));
	const nullable = branches.length < alternatives.length || branches.some((branch) => branch.nullable);
	const flag = nullable ? { nullable: true } : {};
	if (branches.length === 0) return flag;
	if (branches.length === 1) return { ...branches[0], ...flag };
	return { anyOf: branches.map(({ nullable: _nullable, ...branch }) => branch), ...flag };
}

/** The keywords written on the node itself (they win over what a `$ref` or `allOf` brought). */
function ownKeywords(raw: Raw, schemas: Record<string, unknown>, resolving: string[]): InputSchemaNode {
	const node: InputSchemaNode = {};
	const types = (Array.isArray(raw.type) ? raw.type : [raw.type]).filter((type): type is string => typeof type === 'string');
	const valueTypes = types.filter((type): type is SchemaType => (SCHEMA_TYPES as string[]).includes(type));
	if (valueTypes.length === 1) node.type = valueTypes[0];
	else if (valueTypes.length > 1) node.anyOf = valueTypes.map((type) => ({ type }));
	if (types.includes('null') || raw.nullable === true) node.nullable = true;

	copyString(raw, node, 'title');
	copyString(raw, node, 'description');
	copyString(raw, node, 'format');
	if ('default' in raw) node.default = raw.default;

	const allowed = Array.isArray(raw.enum) ? raw.enum : 'const' in raw ? [raw.const] : undefined;
	if (allowed) {
		if (allowed.includes(null)) node.nullable = true;
		node.enum = allowed.filter(
			(value): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value),
		);
	}

	for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
		if (typeof raw[key] === 'number') node[key] = raw[key] as number;
	}
	// OpenAPI 3.0 spells exclusive bounds as booleans next to minimum/maximum; 3.1 as numbers.
	if (typeof raw.exclusiveMinimum === 'number') node.exclusiveMinimum = raw.exclusiveMinimum;
	else if (raw.exclusiveMinimum === true && typeof raw.minimum === 'number') {
		node.exclusiveMinimum = raw.minimum;
		delete node.minimum;
	}
	if (typeof raw.exclusiveMaximum === 'number') node.exclusiveMaximum = raw.exclusiveMaximum;
	else if (raw.exclusiveMaximum === true && typeof raw.maximum === 'number') {
		node.exclusiveMaximum = raw.maximum;
		delete node.maximum;
	}

	if (isRaw(raw.properties)) {
		node.properties = {};
		for (const [name, property] of Object.entries(raw.properties)) {
			node.properties[name] = normalize(property, schemas, resolving);
		}
	}
	if (Array.isArray(raw.required)) node.required = raw.required.filter((name): name is string => typeof name === 'string');
	const order = raw['x-fal-order-properties'];
	if (Array.isArray(order)) node.order = order.filter((name): name is string => typeof name === 'string');
	if (raw.items !== undefined) node.items = normalize(raw.items, schemas, resolving);
	return node;
}

/** Lays `top` over `base`: properties are merged, required names united, other keys replaced. */
function overlay(base: InputSchemaNode, top: InputSchemaNode): InputSchemaNode {
	const merged: InputSchemaNode = { ...base };
	for (const [key, value] of Object.entries(top) as Array<[keyof InputSchemaNode, unknown]>) {
		if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
	}
	if (base.properties && top.properties) merged.properties = { ...base.properties, ...top.properties };
	if (base.required && top.required) merged.required = [...new Set([...base.required, ...top.required])];
	if (base.nullable || top.nullable) merged.nullable = true;
	return merged;
}

/** A node with an enum or properties but no `type` gets the type they imply. */
function inferType(node: InputSchemaNode): InputSchemaNode {
	if (node.type || node.anyOf) return node;
	if (node.enum?.length) {
		const kinds = new Set(node.enum.map((value) => typeof value));
		if (kinds.size === 1) {
			const [kind] = kinds;
			node.type = kind === 'number' ? (node.enum.every(Number.isInteger) ? 'integer' : 'number') : (kind as SchemaType);
		}
	} else if (node.properties) node.type = 'object';
	else if (node.items) node.type = 'array';
	return node;
}

function isNullSchema(raw: unknown): boolean {
	return isRaw(raw) && raw.type === 'null';
}

function copyString(raw: Raw, node: InputSchemaNode, key: 'title' | 'description' | 'format'): void {
	if (typeof raw[key] === 'string' && raw[key]) node[key] = raw[key] as string;
}

function isRaw(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
