/**
 * A media input that comes from an n8n binary field or from URLs.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export interface MediaInputDescription {
	/** Parameter prefix: `<name>Source`, `<name>BinaryProperty`, `<name>Url`. */
	name: string;
	/** E.g. "Source Image". */
	displayName: string;
	/** E.g. "image", used in descriptions. */
	noun: string;
	/** Whether "None" is offered (and is the default). */
	optional: boolean;
	/** Whether several files may be given (comma-separated fields, one URL per line). */
	multiple: boolean;
	displayOptions?: IDisplayOptions;
}

/** The three parameters of a media input; read them with `resolveMediaInput`. */
export function mediaInputProperties(media: MediaInputDescription): INodeProperties[] {
	const sourceOptions = [
		{
			name: 'Binary Field',
			value: 'binary',
			description: `Upload the ${media.noun} from a binary field of the input item to fal storage`,
		},
		...(media.optional ? [{ name: 'None', value: 'none', description: `No ${media.noun}` }] : []),
		{ name: 'URL', value: 'url', description: `Give fal a public URL of the ${media.noun}` },
	];
	const show = (source: string): IDisplayOptions => ({
		...media.displayOptions,
		show: { ...media.displayOptions?.show, [`${media.name}Source`]: [source] },
	});
	const defaultSource = media.optional ? 'none' : 'binary';
	return [
		{
			displayName: media.displayName,
			name: `${media.name}Source`,
			type: 'options',
			default: defaultSource,
			options: sourceOptions,
			description: `Where the ${media.noun} comes from`,
			displayOptions: media.displayOptions,
		},
		{
			displayName: 'Input Binary Field',
			name: `${media.name}BinaryProperty`,
			type: 'string',
			default: 'data',
			required: true,
			placeholder: media.multiple ? 'e.g. data, data_1' : 'e.g. data',
			hint: media.multiple
				? 'Name of the binary field(s) holding the file(s), comma-separated'
				: 'Name of the binary field holding the file',
			description: `The ${media.noun} is uploaded to fal storage (streamed) and its URL passed to the model`,
			displayOptions: show('binary'),
		},
		{
			displayName: media.multiple ? 'URLs' : 'URL',
			name: `${media.name}Url`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://example.com/picture.png',
			description: media.multiple
				? `Public URLs (or data: URIs) of the ${media.noun}s, one per line or comma-separated`
				: `Public URL (or data: URI) of the ${media.noun}`,
			displayOptions: show('url'),
		},
	];
}
