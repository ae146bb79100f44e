/**
 * Inline files: `data:[<mime>][;<parameter>…][;base64],<data>` (RFC 2397), which fal returns for
 * outputs in `sync_mode`. One decoder for every place that meets them: the client's download,
 * the model nodes' media output and the trigger's media download.
 */

/** A decoded `data:` URI. */
export interface DecodedDataUri {
	buffer: Buffer;
	/** The media type without its parameters, when the URI names one. */
	contentType?: string;
}

/** True for a `data:` URI (any case, as URL schemes are). */
export function isDataUri(url: string): boolean {
	return /^data:/i.test(url);
}

/**
 * Decodes a `data:` URI: base64 when the header ends in `;base64`, else percent-encoded text.
 * @throws TypeError when there is no comma, so no data part.
 */
export function decodeDataUri(uri: string): DecodedDataUri {
	const comma = uri.indexOf(',');
	if (comma < 0) throw new TypeError('The data: URI has no data');
	const header = uri.slice(5, comma);
	const payload = uri.slice(comma + 1);
	const isBase64 = /;base64$/i.test(header);
	const contentType = header.replace(/;base64$/i, '').split(';')[0].trim() || undefined;
	const buffer = isBase64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
	return { buffer, contentType };
}
