/**
 * Fal.ai Generate Video: maps the typed fields to what the selected model family expects
 * (./videoFamilies) and runs the model through the shared layer, with a wait suited to jobs of
 * several minutes.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { endpointSchemaIfAvailable, readModelId, resolveMediaInput } from '../shared';
import { executeModelNode, type TypedInputContext } from '../shared/modelNode';
import { VIDEO_TIMEOUT_SECONDS } from './descriptions/generateVideo.properties';
import { frameImageFields } from './frameImageFields';
import { durationFields, needsStartImage, resolutionValue, videoFamilyOf } from './videoFamilies';

/**
 * Polling when fal's status stream is unavailable: a video takes minutes, so asking every few
 * seconds (up to every 15 s) costs little latency and few calls.
 */
const VIDEO_WAIT = { pollIntervalMs: 2_000, maxPollIntervalMs: 15_000 };

export async function executeGenerateVideo(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeModelNode.call(this, {
		typedInput: videoInput,
		required: [{ key: 'prompt', displayName: 'Prompt' }],
		mediaInput: frameImages,
		defaultTimeoutSeconds: VIDEO_TIMEOUT_SECONDS,
		waitDefaults: VIDEO_WAIT,
	});
}

/** Typed fields of one item under fal's names (unset ones are dropped later). */
function videoInput(this: IExecuteFunctions, itemIndex: number, { endpointId, additional }: TypedInputContext): IDataObject {
	const family = videoFamilyOf(endpointId);
	const parameters = this.getNodeParameter('parameters', itemIndex, {}) as IDataObject;
	const aspectRatio = this.getNodeParameter('aspectRatio', itemIndex, 'default') as string;
	const resolution = this.getNodeParameter('resolution', itemIndex, 'default') as string;
	return {
		prompt: this.getNodeParameter('prompt', itemIndex, '') as string,
		...durationInput(this, itemIndex, family, additional),
		aspect_ratio: aspectRatio === 'default' ? undefined : aspectRatio,
		resolution: resolution === 'default' ? undefined : resolutionValue(family, resolution),
		negative_prompt: parameters.negativePrompt,
		seed: parameters.seed,
		generate_audio: parameters.generateAudio,
	};
}

/**
 * The duration in the family's form. A length the family does not offer fails before submit,
 * unless "Additional Input (Raw JSON, Applied Last)" sets the duration itself (it overrides the typed field).
 * An expression that gives no number fails too, instead of leaving the length to the model.
 */
function durationInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	family: ReturnType<typeof videoFamilyOf>,
	additional: IDataObject,
): IDataObject {
	const raw = ctx.getNodeParameter('duration', itemIndex, 0) as unknown;
	if (raw === undefined || raw === null || raw === 0 || (typeof raw === 'string' && !raw.trim())) return {};
	if (additional.duration !== undefined || additional.num_frames !== undefined) return {};
	const seconds = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
	if (!Number.isFinite(seconds) || seconds < 0) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "Duration (Seconds)" must be a positive number of seconds (got ${shown(raw)})`, {
			description: 'Set a number of seconds, or 0 to let the model choose. An expression must give a number.',
			itemIndex,
		});
	}
	if (seconds === 0) return {};
	const mapping = durationFields(family, seconds);
	if (!mapping.ok) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex}: "Duration (Seconds)" of ${seconds} is not offered by ${family.name} models (${mapping.allowed})`,
			{
				description: `Pick one of ${mapping.allowed}, set 0 to let the model choose, or pass "duration" in "Additional Input (Raw JSON, Applied Last)".`,
				itemIndex,
			},
		);
	}
	return mapping.fields;
}

function shown(value: unknown): string {
	if (typeof value === 'number') return String(value);
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Start image and optional end image (one file each), uploaded when binary, under the fields
 * set on the node or else the ones the endpoint takes (./frameImageFields).
 */
async function frameImages(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	provided: IDataObject,
	signal: AbortSignal,
): Promise<IDataObject> {
	const endpointId = readModelId.call(this, itemIndex);
	const startSource = this.getNodeParameter('startImageSource', itemIndex, 'none');
	if (startSource === 'none' && !needsStartImage(endpointId)) return {};
	const chosenStart = fieldName(this, 'startImageField', itemIndex);
	const chosenEnd = fieldName(this, 'endImageField', itemIndex);
	// The schema is only needed for a field the node leaves to the endpoint.
	const schema = chosenStart && chosenEnd ? undefined : await endpointSchemaIfAvailable(client, endpointId, signal);
	const defaults = frameImageFields(endpointId, schema);
	const startField = chosenStart || defaults.start;
	const images: IDataObject = {};
	if (provided[startField] === undefined) {
		const [start] = await resolveMediaInput.call(this, client, 'startImage', 'Start Image', itemIndex, signal, { single: true });
		if (start) images[startField] = start;
		else if (needsStartImage(endpointId)) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Start Image" is required by image-to-video models`, {
				description: `"${endpointId}" animates an image: set "Start Image" to a binary field or a URL, or pass "${startField}" in "Additional Input (Raw JSON, Applied Last)".`,
				itemIndex,
			});
		}
	}
	const hasStart = images[startField] !== undefined || provided[startField] !== undefined;
	if (!hasStart) return images;
	const endField = chosenEnd || defaults.end;
	if (provided[endField] !== undefined) return images;
	const [end] = await resolveMediaInput.call(this, client, 'endImage', 'End Image', itemIndex, signal, { single: true });
	if (end) images[endField] = end;
	return images;
}

function fieldName(ctx: IExecuteFunctions, parameter: string, itemIndex: number): string {
	return String(ctx.getNodeParameter(parameter, itemIndex, '') ?? '').trim();
}
