/**
 * Downloads the files a fal result references into the trigger item's binary data.
 */
import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { binaryInput } from '../shared/binaryInput';

import { fileNameFromUrl } from '../client/download';
import type { MediaUrlVerdict } from '../client/mediaHosts';
import { findMediaReferences, openMedia } from '../client/webhooks';
import { n8nTransportOf } from '../transport/n8nTransport';

export interface DownloadedMedia {
	binary: IBinaryKeyData;
	/** Files that could not be fetched (or were refused); the run still starts, with what could be. */
	errors: IDataObject[];
}

/**
 * Streams every file in `result` into binary data, one property per file named after where it
 * sits (`image_0`, `video`). `checkUrl` decides, for the URL and each redirect, whether it may be
 * fetched at all. A failed file is reported rather than thrown: fal has already been told the
 * delivery arrived and will not send it again, so failing would lose the result.
 */
export async function downloadResultMedia(
	this: IWebhookFunctions,
	result: unknown,
	checkUrl: (url: string) => MediaUrlVerdict,
): Promise<DownloadedMedia> {
	const binary: IBinaryKeyData = {};
	const errors: IDataObject[] = [];
	const transport = n8nTransportOf(this, { authenticated: false });
	for (const reference of findMediaReferences(result)) {
		try {
			const media = await openMedia(transport, reference.url, { checkUrl });
			const mimeType = reference.contentType ?? media.contentType;
			binary[reference.name] = await this.helpers.prepareBinaryData(
				binaryInput(media.body),
				reference.fileName ?? fileNameFromUrl(reference.url) ?? fileNameFromType(reference.name, mimeType),
				mimeType,
			);
		} catch (error) {
			errors.push({
				name: reference.name,
				url: reference.url,
				message: error instanceof Error ? error.message : String(error),
			});
		}
	}
	return { binary, errors };
}

/** `image_0` + `image/png` → `image_0.png`, for inline files that carry no name. */
function fileNameFromType(name: string, mimeType: string | undefined): string {
	const subtype = mimeType?.split(';')[0].split('/')[1]?.split('+')[0]?.trim();
	return subtype ? `${name}.${subtype}` : name;
}
