/**
 * The error a "Model Inputs" value fails with before anything is sent to fal.
 */

/** A value that does not fit the endpoint's input schema, naming the item and the field. */
export class ModelInputError extends Error {
	override readonly name = 'ModelInputError';

	constructor(
		/** Index of the input item. */
		readonly itemIndex: number,
		/** Path of the field: `num_images`, `image_size.width`, `loras[0].scale`. */
		readonly field: string,
		/** What is wrong, e.g. `must be at most 4 (got 9)`. */
		readonly problem: string,
		/**
		 * The label the user sees for the top-level input (`Num Inference Steps`); the message
		 * names it, and adds the path only for a nested field.
		 */
		readonly label?: string,
	) {
		super(`Item ${itemIndex}: Model Inputs ${fieldText(field, label)} ${problem}`);
	}
}

function fieldText(field: string, label: string | undefined): string {
	if (!label) return `field "${field}"`;
	return /[.[]/.test(field) ? `"${label}" (${field})` : `"${label}"`;
}
