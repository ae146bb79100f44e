/**
 * The canvas subtitle of a model node: the model's display name when the picker knows it (its
 * curated models), else the endpoint id. Raw ids such as
 * "fal-ai/kling-video/v2.1/master/text-to-video" are cut short on the canvas and say less than
 * "Kling 2.1 Master".
 *
 * In a subtitle n8n gives `$parameter["model"]` as the resource locator's value (the id), not
 * the locator object, so the name of a model picked from fal's live catalogue is not available.
 */
import type { CuratedModel } from '../methods/curatedModels';

/** The `subtitle` expression for a node whose picker offers `curated`. */
export function modelSubtitle(curated: CuratedModel[]): string {
	const names = JSON.stringify(Object.fromEntries(curated.map((model) => [model.id, model.name])));
	const id = '($parameter["model"].value || $parameter["model"])';
	return `={{ (${names})[${id}] || ${id} }}`;
}
