/**
 * Parameters of Fal.ai Upload File.
 */
import type { INodeProperties } from 'n8n-workflow';

import { maxConcurrencyOption } from '../../shared/descriptions';

export const uploadFileProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'Binary Field', value: 'binary', description: 'Upload a binary field of the input item' },
			{ name: 'URL', value: 'url', description: 'Download a file from a URL and re-host it on fal storage' },
		],
		description: 'Where the file to upload comes from',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'Name of the binary field holding the file',
		description: 'The file is streamed to fal storage; large files are sent in parts',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/audio.mp3',
		description: 'Public URL of the file; it is downloaded and uploaded as a stream, never held whole in memory',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Name to store the file under, instead of its own name',
			},
			{
				displayName: 'Media Lifetime',
				name: 'expirationSeconds',
				type: 'options',
				default: 0,
				options: [
					{ name: '1 Day', value: 86400 },
					{ name: '1 Hour', value: 3600 },
					{ name: '30 Days', value: 2592000 },
					{ name: '7 Days', value: 604800 },
					{ name: 'Fal Default', value: 0, description: 'Keep fal\'s storage policy' },
				],
				description: 'How long fal keeps the uploaded file',
			},
			maxConcurrencyOption,
		],
	},
];
