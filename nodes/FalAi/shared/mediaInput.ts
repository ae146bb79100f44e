/**
 * Media inputs: an n8n binary property uploaded to fal storage, or URLs passed through.
 *
 * Models read media from URLs, so binary data is uploaded first. Binary data kept outside the
 * execution (filesystem or S3 mode, recognisable by its `id`) is streamed to fal without being
 * loaded into memory; inline binary data is already a buffer.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient, UploadedFile, UploadSource } from '../client/types';

/** Where a media input comes from (values of the `…Source` parameter). */
export type MediaSource = 'none' | 'binary' | 'url';

export interface UploadBinaryOptions {
	signal?: AbortSignal;
	/** Lifetime of the stored file in seconds; fal's default when unset. */
	expirationSeconds?: number;
	/** Replaces the binary's own file name. */
	fileName?: string;
}

/** Uploads one binary property of one item to fal storage, streaming when n8n allows. */
export async function uploadBinaryProperty(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	propertyName: string,
	options: UploadBinaryOptions = {},
): Promise<UploadedFile> {
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	let source: UploadSource;
	let size: number | undefined;
	if (binary.id) {
		source = await this.helpers.getBinaryStream(binary.id);
		size = (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
	} else {
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		source = buffer;
		size = buffer.length;
	}
	return await client.storage.upload(source, {
		fileName: options.fileName || binary.fileName,
		contentType: binary.mimeType,
		size,
		expirationSeconds: options.expirationSeconds,
		signal: options.signal,
	});
}

/**
 * Splits a list of URLs given as an array, or as text with one URL per line or comma-separated.
 * A comma only separates when a new URL follows, so `data:` URIs stay whole.
 */
export function splitUrlList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map((entry) => String(entry))
		: typeof value === 'string'
			? value.split(/[\r\n]+|,\s*(?=(?:https?|data):)/i)
			: [];
	return parts.map((part) => part.trim()).filter(Boolean);
}

/** Splits comma-separated binary property names (`data, data_1`). */
export function splitPropertyNames(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
}

/** True for the URL forms fal accepts as media input. */
export function isMediaUrl(value: string): boolean {
	if (/^data:[^,]*,/i.test(value)) return true;
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}

/** How many files a media input takes. */
export interface MediaInputLimits {
	/** The model field takes one file: several names or URLs fail instead of being dropped. */
	single?: boolean;
}

/**
 * Reads a media input described by {@link mediaInputProperties} (parameter prefix `name`) and
 * returns the URLs to give the model: uploaded binaries or the URLs as typed. Empty when the
 * source is "none". Everything is checked before anything is uploaded.
 */
export async function resolveMediaInput(
	this: IExecuteFunctions,
	client: FalClient,
	name: string,
	displayName: string,
	itemIndex: number,
	signal?: AbortSignal,
	limits: MediaInputLimits = {},
): Promise<string[]> {
	const source = this.getNodeParameter(`${name}Source`, itemIndex, 'none') as MediaSource;
	if (source === 'binary') {
		const properties = splitPropertyNames(this.getNodeParameter(`${name}BinaryProperty`, itemIndex, 'data'));
		if (!properties.length) throw missing(this, displayName, 'Input Binary Field', itemIndex);
		if (limits.single) assertSingle(this, displayName, 'binary fields', properties, itemIndex);
		const urls: string[] = [];
		for (const property of properties) {
			urls.push((await uploadBinaryProperty.call(this, client, itemIndex, property, { signal })).url);
		}
		return urls;
	}
	if (source === 'url') {
		const urls = splitUrlList(this.getNodeParameter(`${name}Url`, itemIndex, ''));
		if (!urls.length) throw missing(this, displayName, 'URL', itemIndex);
		if (limits.single) assertSingle(this, displayName, 'URLs', urls, itemIndex);
		const invalid = urls.find((url) => !isMediaUrl(url));
		if (invalid) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${displayName}" has an invalid URL`, {
				description: `${JSON.stringify(invalid.slice(0, 200))} is not an http(s) or data: URL.`,
				itemIndex,
			});
		}
		return urls;
	}
	return [];
}

function assertSingle(ctx: IExecuteFunctions, displayName: string, kind: string, values: string[], itemIndex: number): void {
	if (values.length <= 1) return;
	throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "${displayName}" takes one file, but ${values.length} ${kind} were given`, {
		description: `The model takes a single file here. Given: ${values.map((value) => JSON.stringify(value.slice(0, 80))).join(', ')}.`,
		itemIndex,
	});
}

function missing(ctx: IExecuteFunctions, displayName: string, field: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "${displayName}" needs a value in "${field}"`, {
		itemIndex,
	});
}
