/**
 * Parameters of Fal.ai Upload File.
 */
import type { INodeProperties } from 'n8n-workflow';

import { maxConcurrencyOption } from '../../shared/descriptions';

/** Where the file comes from (`source`); its default differs between the node and its tool variant. */
const sourceProperty: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	default: 'binary',
	options: [
		{ name: 'Binary Field', value: 'binary', description: 'Upload a binary field of the input item' },
		{ name: 'URL', value: 'url', description: 'Download a file from a URL and re-host it on fal storage' },
	],
	description: 'Where the file to upload comes from',
};

export const uploadFileProperties: INodeProperties[] = [
	// Two variants of "Source": as an AI agent's tool (n8n names that variant "...Tool") the agent can
	// fill a URL through $fromAI but has no way to hand over a binary field, so URL is the default.
	{ ...sourceProperty, default: 'binary', displayOptions: { hide: { '@tool': [true] } } },
	{ ...sourceProperty, default: 'url', displayOptions: { show: { '@tool': [true] } } },
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
				// Ordered by duration on purpose: alphabetical order would read "1 Day, 1 Hour, 30 Days, 7 Days".
				options: [
					{ name: 'Fal Default', value: 0, description: 'Keep fal\'s storage policy' },
					{ name: '1 Hour', value: 3600 },
					{ name: '1 Day', value: 86400 },
					{ name: '7 Days', value: 604800 },
					{ name: '30 Days', value: 2592000 },
				],
				description: 'How long fal keeps the uploaded file',
			},
			maxConcurrencyOption,
		],
	},
];

/** What the agent is told the tool does (n8n's default "Tool Description"). */
export const uploadFileToolDescription =
	'Upload a file to fal.ai storage from a public http(s) URL and return a fal URL that fal models can read (for image, video or audio inputs). Give it the URL of the file; it cannot receive file contents directly.';
