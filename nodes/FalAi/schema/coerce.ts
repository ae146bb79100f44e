/**
 * Checks the "Model Inputs" values of one item against the endpoint's input schema and converts
 * them to the types fal expects, before anything is uploaded or submitted.
 *
 * Values come from n8n's resource mapper, where expressions and plain text fields often give
 * strings: `"4"` becomes 4 for a number field, `"true"` true for a boolean, a JSON text an object
 * or array for object and array fields. Then enums, ranges, lengths and nested required fields
 * are checked, so a mistake fails with the item and the field named instead of a 422 from fal.
 * Fields the schema does not know are passed through unchanged (schemas drift; fal decides).
 */
import { isMediaUrl, splitPropertyNames, splitUrlList } from '../shared/mediaInput';
import { ModelInputError } from './errors';
import { rangeText } from './fields';
import { inputLabel } from './labels';
import { mediaFieldShape, type MediaFieldShape } from './media';
import { foldObjectAlternatives } from './objectAlternative';
import type { InputSchemaNode } from './types';

/** One entry of a media field: a URL as given, or a binary field of the item to upload. */
export type MediaEntry = { url: string } | { binaryProperty: string };

/** A media field with at least one binary field to upload. */
export interface PendingUpload {
	key: string;
	shape: MediaFieldShape;
	entries: MediaEntry[];
}

export interface CoercedModelInputs {
	/** The converted values; a pending media field holds its binary field names until uploaded. */
	values: Record<string, unknown>;
	/** Media fields whose binary fields still need uploading (see {@link PendingUpload}). */
	uploads: PendingUpload[];
}

export interface CoerceOptions {
	itemIndex: number;
	/** Whether the item has a binary field of that name (a media value may name one). */
	hasBinary(name: string): boolean;
}

/**
 * Converts and checks `values` (field id → value) against `root`, the endpoint's input object.
 * Unset values (undefined, null, empty text) are left out so fal's defaults apply, and so is a
 * value equal to the schema's default for an input the schema does not require: the editor
 * prefills an added field with that default, and sending it would only pin what fal does anyway.
 * The object form of a preset-or-object input (./objectAlternative.ts) is moved to its key first.
 * @throws ModelInputError for the first value that does not fit.
 */
export function coerceModelInputs(
	values: Record<string, unknown>,
	root: InputSchemaNode,
	options: CoerceOptions,
): CoercedModelInputs {
	const result: CoercedModelInputs = { values: {}, uploads: [] };
	const fail = (field: string, problem: string): never => {
		const key = /^[^.[]+/.exec(field)?.[0] ?? field;
		throw new ModelInputError(options.itemIndex, field, problem, inputLabel(key, root.properties?.[key]));
	};
	const required = new Set(root.required ?? []);
	for (const [key, value] of Object.entries(foldObjectAlternatives(values, root, options.itemIndex))) {
		if (isUnset(value)) continue;
		const node = root.properties?.[key];
		if (!node) {
			result.values[key] = value;
			continue;
		}
		const shape = mediaFieldShape(key, node);
		if (shape) {
			const entries = mediaEntries(value, shape, key, node, options, fail);
			const urls = entries.map((entry) => ('url' in entry ? entry.url : entry.binaryProperty));
			result.values[key] = shape === 'list' ? urls : urls[0];
			if (entries.some((entry) => 'binaryProperty' in entry)) result.uploads.push({ key, shape, entries });
			continue;
		}
		const converted = coerceValue(value, node, key, fail);
		if (!required.has(key) && node.default !== undefined && sameValue(converted, node.default)) continue;
		result.values[key] = converted;
	}
	return result;
}

/** Deep equality of JSON values (object key order ignored). */
function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const keysA = Object.keys(a);
	const keysB = Object.keys(b);
	if (keysA.length !== keysB.length) return false;
	return keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The name of the first field `root` requires that `input` lacks (or leaves blank). */
export function findMissingRequired(input: Record<string, unknown>, root: InputSchemaNode): string | undefined {
	return (root.required ?? []).find((name) => isUnset(input[name]));
}

type Fail = (field: string, problem: string) => never;

function isUnset(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function coerceValue(value: unknown, node: InputSchemaNode, path: string, fail: Fail): unknown {
	if (value === null) {
		if (node.nullable || (!node.type && !node.anyOf)) return null;
		return fail(path, `must not be null; expected ${describe(node)}`);
	}
	if (node.anyOf) return coerceAlternatives(value, node, path, fail);
	const converted = convertType(value, node, path, fail);
	if (node.enum?.length) return checkEnum(converted, node, path, fail);
	checkBounds(converted, node, path, fail);
	return converted;
}

/** The first alternative the value fits; a JSON-looking text tries object/array ones first. */
function coerceAlternatives(value: unknown, node: InputSchemaNode, path: string, fail: Fail): unknown {
	const branches = [...(node.anyOf ?? [])];
	if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
		branches.sort((a, b) => Number(isStructured(b)) - Number(isStructured(a)));
	}
	const problems: string[] = [];
	for (const branch of branches) {
		const outcome = attempt(() => coerceValue(value, branch, path, fail), path);
		if (!outcome.error) return outcome.value;
		// A nested field that failed inside a matching object explains more than "must be …".
		if (outcome.error.field !== path) return fail(outcome.error.field, outcome.error.problem);
		problems.push(describe(branch));
	}
	return fail(path, `must be ${problems.join(' or ')} (got ${shown(value)})`);
}

/** Runs one conversion, returning its failure instead of throwing it. */
function attempt(run: () => unknown, path: string): { value?: unknown; error?: ModelInputError } {
	try {
		return { value: run() };
	} catch (error) {
		return { error: error instanceof ModelInputError ? error : new ModelInputError(0, path, String(error)) };
	}
}

function convertType(value: unknown, node: InputSchemaNode, path: string, fail: Fail): unknown {
	switch (node.type) {
		case 'string':
			if (typeof value === 'string') return value;
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			return fail(path, `must be text (got ${shown(value)})`);
		case 'integer':
		case 'number': {
			const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
			if (!Number.isFinite(number)) return fail(path, `must be a number (got ${shown(value)})`);
			if (node.type === 'integer' && !Number.isInteger(number)) return fail(path, `must be a whole number (got ${shown(value)})`);
			return number;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
			return fail(path, `must be true or false (got ${shown(value)})`);
		case 'object':
			return coerceObject(parseJson(value, path, 'object', fail), node, path, fail);
		case 'array':
			return coerceArray(parseJson(value, path, 'array', fail), node, path, fail);
		default:
			return value;
	}
}

function coerceObject(value: unknown, node: InputSchemaNode, path: string, fail: Fail): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return fail(path, `must be a JSON object (got ${shown(value)})`);
	}
	const object = { ...(value as Record<string, unknown>) };
	for (const [name, property] of Object.entries(node.properties ?? {})) {
		if (object[name] === undefined) continue;
		object[name] = coerceValue(object[name], property, `${path}.${name}`, fail);
	}
	const missing = (node.required ?? []).find((name) => object[name] === undefined || object[name] === null);
	if (missing) fail(`${path}.${missing}`, 'is required');
	return object;
}

function coerceArray(value: unknown, node: InputSchemaNode, path: string, fail: Fail): unknown[] {
	if (!Array.isArray(value)) return fail(path, `must be a JSON array (got ${shown(value)})`);
	checkCount(value.length, node, path, fail);
	const items = node.items;
	return items ? value.map((item, index) => coerceValue(item, items, `${path}[${index}]`, fail)) : value;
}

function parseJson(value: unknown, path: string, expected: 'object' | 'array', fail: Fail): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		return fail(path, `must be a JSON ${expected}, but the text is not valid JSON (${(error as Error).message})`);
	}
}

function checkEnum(value: unknown, node: InputSchemaNode, path: string, fail: Fail): unknown {
	const allowed = node.enum ?? [];
	// Without a declared type, "5" matches 5 and the enum's own value is sent.
	const match = allowed.find((option) => option === value || (!node.type && String(option) === String(value)));
	if (match === undefined) return fail(path, `must be one of ${allowed.map((option) => JSON.stringify(option)).join(', ')} (got ${shown(value)})`);
	return match;
}

function checkBounds(value: unknown, node: InputSchemaNode, path: string, fail: Fail): void {
	if (typeof value === 'number') {
		const tooLow =
			(node.minimum !== undefined && value < node.minimum) ||
			(node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum);
		const tooHigh =
			(node.maximum !== undefined && value > node.maximum) ||
			(node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum);
		if (tooLow || tooHigh) fail(path, `must be ${rangeText(node)} (got ${value})`);
	}
	if (typeof value === 'string') {
		if (node.minLength !== undefined && value.length < node.minLength) fail(path, `must be at least ${node.minLength} characters long`);
		if (node.maxLength !== undefined && value.length > node.maxLength) {
			fail(path, `must be at most ${node.maxLength} characters long (got ${value.length})`);
		}
	}
}

function checkCount(count: number, node: InputSchemaNode, path: string, fail: Fail): void {
	const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
	if (node.minItems !== undefined && count < node.minItems) fail(path, `needs at least ${entries(node.minItems)} (got ${count})`);
	if (node.maxItems !== undefined && count > node.maxItems) fail(path, `takes at most ${entries(node.maxItems)} (got ${count})`);
}

/**
 * A media field's entries. A value is a URL, or names a binary field of the item; a list field
 * takes an array, a JSON array, URLs one per line / comma-separated, or comma-separated names.
 */
function mediaEntries(
	value: unknown,
	shape: MediaFieldShape,
	path: string,
	node: InputSchemaNode,
	options: CoerceOptions,
	fail: Fail,
): MediaEntry[] {
	let texts: string[];
	if (Array.isArray(value)) texts = value.map((entry) => (typeof entry === 'string' ? entry.trim() : ''));
	else if (typeof value !== 'string') return fail(path, `must be a URL or the name of a binary field (got ${shown(value)})`);
	else if (shape === 'single') texts = [value.trim()];
	else if (/^\s*\[/.test(value)) {
		const parsed = parseJson(value, path, 'array', fail);
		if (!Array.isArray(parsed)) return fail(path, `must be a JSON array (got ${shown(parsed)})`);
		texts = parsed.map((entry) => (typeof entry === 'string' ? entry.trim() : ''));
	} else texts = /^\s*data:|:\/\//i.test(value) ? splitUrlList(value) : splitPropertyNames(value);

	if (shape === 'list') checkCount(texts.length, node, path, fail);
	else if (texts.length !== 1) return fail(path, `takes one URL or binary field (got ${texts.length})`);
	return texts.map((text, index) => {
		const field = shape === 'list' ? `${path}[${index}]` : path;
		if (!text) return fail(field, 'must be a URL or the name of a binary field (got an empty entry)');
		if (isMediaUrl(text)) return { url: text };
		if (options.hasBinary(text)) return { binaryProperty: text };
		return fail(field, `is neither an http(s) or data: URL nor the name of a binary field of the item (got ${shown(text)})`);
	});
}

function isStructured(node: InputSchemaNode): boolean {
	return node.type === 'object' || node.type === 'array';
}

/** What a schema node expects, in words: `one of "a", "b"`, `a whole number 1 to 50`, … */
function describe(node: InputSchemaNode): string {
	if (node.enum?.length) return `one of ${node.enum.map((value) => JSON.stringify(value)).join(', ')}`;
	const range = rangeText(node);
	const withRange = (text: string) => (range ? `${text} ${range}` : text);
	switch (node.type) {
		case 'string':
			return 'text';
		case 'integer':
			return withRange('a whole number');
		case 'number':
			return withRange('a number');
		case 'boolean':
			return 'true or false';
		case 'object': {
			const keys = Object.keys(node.properties ?? {});
			return keys.length ? `a JSON object {${keys.join(', ')}}` : 'a JSON object';
		}
		case 'array':
			return 'a JSON array';
		default:
			return node.anyOf ? node.anyOf.map(describe).join(' or ') : 'any value';
	}
}

/** A short, safe rendering of a value for an error message. */
function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
