import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createModelInputFieldsMethod } from '../methods/resourceMapping';
import { transcribeTypedInputs } from './typedInputs';
import { modelSubtitle } from '../shared/modelSubtitle';
import { resumeFromFalWebhook, waitForWebhookWebhooks } from '../shared/waitForWebhook';
import { transcribeProperties } from './descriptions/transcribe.properties';
import { executeTranscribe } from './execute';
import { searchTranscriptionModels, TRANSCRIPTION_TASK } from './transcriptionModels';

/** Transcribes or translates speech with any fal.ai speech-to-text endpoint, with optional subtitle files. */
export class FalAiTranscribe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Transcribe',
		name: 'falAiTranscribe',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: modelSubtitle(TRANSCRIPTION_TASK.curated),
		description:
			'Transcribe speech in an audio file (binary or URL) to text with timed chunks, or translate it to English, with a fal.ai model such as Whisper or Wizper. Can identify speakers and create SRT and WebVTT subtitle files.',
		defaults: { name: 'Fal.ai Transcribe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'falAiApi', required: true }],
		// The resume webhook of the "Wait for Webhook" mode (never registered on activation).
		webhooks: waitForWebhookWebhooks,
		properties: transcribeProperties,
	};

	methods = {
		listSearch: { searchTranscriptionModels },
		resourceMapping: { getModelInputFields: createModelInputFieldsMethod(transcribeTypedInputs) },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTranscribe.call(this);
	}

	/** Resumes an execution waiting in "Wait for Webhook" mode with fal's signed result. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromFalWebhook.call(this);
	}
}
