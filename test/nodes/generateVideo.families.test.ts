/**
 * Generate Video's pure pieces: how each model family takes duration, resolution and frame
 * images, and the patient waiting defaults of video jobs.
 */
import type { FalClient, QueueClient, WaitOptions } from '../../nodes/FalAi/client/types';
import {
	durationFields,
	imageFieldsOf,
	needsStartImage,
	resolutionValue,
	videoFamilyOf,
} from '../../nodes/FalAi/GenerateVideo/videoFamilies';
import { frameImageFields } from '../../nodes/FalAi/GenerateVideo/frameImageFields';
import type { ModelInputSchema } from '../../nodes/FalAi/schema';
import { VIDEO_TASK } from '../../nodes/FalAi/GenerateVideo/videoModels';
import { generateVideoProperties, VIDEO_TIMEOUT_SECONDS } from '../../nodes/FalAi/GenerateVideo/descriptions/generateVideo.properties';
import { readTaskRunSettings } from '../../nodes/FalAi/shared/modelNode';
import { withWaitDefaults } from '../../nodes/FalAi/shared/waitDefaults';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

describe('videoFamilyOf', () => {
	it.each([
		['fal-ai/kling-video/v2.1/master/text-to-video', 'Kling'],
		['fal-ai/kling-video/v2.5-turbo/pro/image-to-video', 'Kling'],
		['fal-ai/veo3', 'Veo'],
		['fal-ai/veo3.1/first-last-frame-to-video', 'Veo'],
		['fal-ai/minimax/hailuo-02/standard/text-to-video', 'MiniMax Hailuo'],
		['fal-ai/minimax-video/image-to-video', 'MiniMax Hailuo'],
		['fal-ai/wan-25-preview/text-to-video', 'Wan 2.5+'],
		['fal-ai/wan/v2.6/image-to-video', 'Wan 2.5+'],
		['fal-ai/wan/v2.2-a14b/text-to-video', 'Wan'],
		['fal-ai/wan-i2v', 'Wan'],
		['fal-ai/ltx-2/text-to-video/fast', 'LTX-2'],
		['fal-ai/ltx-video', 'LTX-Video'],
		['fal-ai/ltxv-13b-098-distilled/image-to-video', 'LTX-Video'],
		['fal-ai/pixverse/v4.5/text-to-video', 'this model'],
		['fal-ai/swan-song/video', 'this model'],
	])('%s is %s', (endpointId, family) => {
		expect(videoFamilyOf(endpointId).name).toBe(family);
	});

	it('places every curated model in a known family', () => {
		for (const model of VIDEO_TASK.curated) expect(videoFamilyOf(model.id).name).not.toBe('this model');
	});
});

describe('durationFields', () => {
	it.each([
		['fal-ai/kling-video/v2.1/master/text-to-video', 5, { duration: '5' }],
		['fal-ai/veo3/fast', 4, { duration: '4s' }],
		['fal-ai/minimax/hailuo-02/standard/text-to-video', 10, { duration: '10' }],
		['fal-ai/wan-25-preview/text-to-video', 10, { duration: '10' }],
		['fal-ai/ltx-2/text-to-video/fast', 12, { duration: 12 }],
		// 16 frames per second plus the first frame.
		['fal-ai/wan/v2.2-a14b/text-to-video', 10, { num_frames: 161 }],
		// 24 fps, rounded to a multiple of 8 plus one as LTX-Video requires: 5 s → 121 frames.
		['fal-ai/ltx-video', 5, { num_frames: 121 }],
		['fal-ai/pixverse/v4.5/text-to-video', 8, { duration: '8' }],
	])('%s takes %d s as %j', (endpointId, seconds, fields) => {
		expect(durationFields(videoFamilyOf(endpointId), seconds)).toEqual({ ok: true, fields });
	});

	it('lists the lengths a family offers when asked for another', () => {
		expect(durationFields(videoFamilyOf('fal-ai/veo3'), 5)).toEqual({ ok: false, allowed: '4, 6 or 8 seconds' });
		expect(durationFields(videoFamilyOf('fal-ai/kling-video/v2/master/text-to-video'), 8)).toEqual({
			ok: false,
			allowed: '5 or 10 seconds',
		});
	});
});

describe('resolutionValue', () => {
	it('upper-cases the P for MiniMax and keeps fal\'s usual lower case elsewhere', () => {
		expect(resolutionValue(videoFamilyOf('fal-ai/minimax/hailuo-02/standard/image-to-video'), '768p')).toBe('768P');
		expect(resolutionValue(videoFamilyOf('fal-ai/veo3'), '1080p')).toBe('1080p');
	});
});

describe('imageFieldsOf and needsStartImage', () => {
	it.each([
		['fal-ai/kling-video/v2.1/pro/image-to-video', { start: 'image_url', end: 'tail_image_url' }],
		['fal-ai/minimax/hailuo-02/standard/image-to-video', { start: 'image_url', end: 'end_image_url' }],
		['fal-ai/wan/v2.2-a14b/image-to-video', { start: 'image_url', end: 'end_image_url' }],
		['fal-ai/veo3.1/first-last-frame-to-video', { start: 'first_frame_url', end: 'last_frame_url' }],
		['fal-ai/wan-flf2v', { start: 'start_image_url', end: 'end_image_url' }],
		['fal-ai/some/new-video-model', { start: 'image_url', end: 'tail_image_url' }],
	])('%s takes its frames as %j', (endpointId, fields) => {
		expect(imageFieldsOf(endpointId)).toEqual(fields);
	});

	it('knows image-to-video endpoints need a start image and text-to-video ones do not', () => {
		expect(needsStartImage('fal-ai/kling-video/v2.1/pro/image-to-video')).toBe(true);
		expect(needsStartImage('fal-ai/wan-i2v')).toBe(true);
		expect(needsStartImage('fal-ai/veo3.1/first-last-frame-to-video')).toBe(true);
		expect(needsStartImage('fal-ai/kling-video/v2.1/master/text-to-video')).toBe(false);
		expect(needsStartImage('fal-ai/veo3')).toBe(false);
	});
});

describe('frameImageFields', () => {
	const schemaWith = (...names: string[]): ModelInputSchema => ({
		endpointId: 'x/y',
		name: 'Input',
		root: { type: 'object', properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])) },
	});

	it('keeps the family\'s fields when the schema has them, or when there is no schema', () => {
		const kling = 'fal-ai/kling-video/v2.1/pro/image-to-video';
		expect(frameImageFields(kling, schemaWith('prompt', 'image_url', 'tail_image_url'))).toEqual({ start: 'image_url', end: 'tail_image_url' });
		expect(frameImageFields(kling, undefined)).toEqual({ start: 'image_url', end: 'tail_image_url' });
	});

	it('takes the frame fields the schema has when the family guessed others', () => {
		expect(frameImageFields('fal-ai/some/new-video-model', schemaWith('first_frame_url', 'last_frame_url'))).toEqual({
			start: 'first_frame_url',
			end: 'last_frame_url',
		});
		expect(frameImageFields('fal-ai/some/new-video-model', schemaWith('image_url', 'end_image_url'))).toEqual({
			start: 'image_url',
			end: 'end_image_url',
		});
	});

	it('falls back to the family\'s names for fields the schema does not have', () => {
		expect(frameImageFields('fal-ai/some/new-video-model', schemaWith('prompt'))).toEqual({ start: 'image_url', end: 'tail_image_url' });
	});
});

describe('video waiting defaults', () => {
	it('shows a 30 minute timeout as the default of the Timeout option', () => {
		const options = generateVideoProperties.find((property) => property.name === 'options')?.options as INodeProperties[];
		expect(options.find((option) => option.name === 'timeout')?.default).toBe(VIDEO_TIMEOUT_SECONDS);
		expect(VIDEO_TIMEOUT_SECONDS).toBe(1800);
	});

	it('polls slowly unless a wait asks otherwise, and leaves the other calls alone', async () => {
		const seen: WaitOptions[] = [];
		const queue = {
			waitForCompletion: async (_ref: unknown, options: WaitOptions) => {
				seen.push(options);
				return { status: 'COMPLETED', request_id: 'r' };
			},
			cancel: async () => 'CANCELLATION_REQUESTED',
		} as unknown as QueueClient;
		const client = withWaitDefaults({ queue } as FalClient, { pollIntervalMs: 2000, maxPollIntervalMs: 15000 });
		const ref = { endpointId: 'fal-ai/veo3', requestId: 'r' };

		await client.queue.waitForCompletion(ref, { timeoutMs: 5, pollIntervalMs: undefined });
		await client.queue.waitForCompletion(ref, { pollIntervalMs: 100 });
		expect(seen).toEqual([
			{ pollIntervalMs: 2000, maxPollIntervalMs: 15000, timeoutMs: 5 },
			{ pollIntervalMs: 100, maxPollIntervalMs: 15000 },
		]);
		expect(await client.queue.cancel(ref)).toBe('CANCELLATION_REQUESTED');
	});
});

describe('readTaskRunSettings', () => {
	/** Just enough of `this` for reading the run settings of item 0. */
	function contextWith(options: Record<string, unknown>): IExecuteFunctions {
		const parameters: Record<string, unknown> = { executionMode: 'wait', outputMedia: 'binary', options };
		return {
			getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => parameters[name] ?? fallback,
		} as unknown as IExecuteFunctions;
	}

	it('waits the task\'s default when the Timeout option is not set', () => {
		expect(readTaskRunSettings(contextWith({}), 0, VIDEO_TIMEOUT_SECONDS).timeoutMs).toBe(1_800_000);
	});

	it('keeps the Timeout the user set, including 0 for no limit', () => {
		expect(readTaskRunSettings(contextWith({ timeout: 90 }), 0, VIDEO_TIMEOUT_SECONDS).timeoutMs).toBe(90_000);
		expect(readTaskRunSettings(contextWith({ timeout: 0 }), 0, VIDEO_TIMEOUT_SECONDS).timeoutMs).toBe(0);
	});
});
