/**
 * Inputs that take a preset or an object (`image_size`: `"landscape_4_3"` or
 * `{"width": 1024, "height": 768}`) appear in "Model Inputs" as two fields: the presets as a
 * dropdown, and a JSON field for the object, because an n8n dropdown cannot take free input.
 * The JSON field has its own id (`image_size__object`); before checking, its value is moved to
 * the input's own key.
 */
import { ModelInputError } from './errors';
import { inputLabel } from './labels';
import type { InputSchemaNode } from './types';

const SUFFIX = '__object';

/** Id of the JSON field holding the object form of input `name`. */
export function objectAlternativeId(name: string): string {
	return `${name}${SUFFIX}`;
}

/** Whether `node` offers presets and an object form (so it gets the extra JSON field). */
export function hasObjectAlternative(node: InputSchemaNode): boolean {
	const branches = node.anyOf ?? [];
	return branches.some((branch) => branch.enum?.length) && branches.some((branch) => branch.type === 'object');
}

/**
 * `values` with each object-form field moved to its input's key. Setting both forms of one
 * input fails, naming it: which one should win would be a guess.
 */
export function foldObjectAlternatives(values: Record<string, unknown>, root: InputSchemaNode, itemIndex: number): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	const isSet = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && !value.trim());
	for (const [key, value] of Object.entries(values)) {
		const name = key.endsWith(SUFFIX) ? key.slice(0, -SUFFIX.length) : undefined;
		const node = name === undefined ? undefined : root.properties?.[name];
		if (name === undefined || !node || !hasObjectAlternative(node)) {
			if (!(key in result)) result[key] = value;
			continue;
		}
		if (!isSet(value)) continue;
		if (isSet(values[name])) {
			const label = inputLabel(name, node);
			throw new ModelInputError(itemIndex, name, `is set twice: as a preset and as "${label} (custom, JSON)"; keep one of them`, label);
		}
		result[name] = value;
	}
	return result;
}
