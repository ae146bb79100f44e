/**
 * Hands a downloaded body to n8n's binary data helpers.
 *
 * The client types bodies structurally ({@link ByteStream}: the package may not name node's
 * stream types), while `prepareBinaryData` wants a Buffer or a Node stream. In the package every
 * streamed body comes from n8n's own HTTP stack and so is a Node stream; this is where that fact
 * is stated once.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ByteStream } from '../client/transport';

export type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export function binaryInput(body: ByteStream | Buffer): BinaryInput {
	if (Buffer.isBuffer(body)) return body;
	if (typeof (body as { pipe?: unknown }).pipe !== 'function') {
		throw new TypeError('fal.ai: a download did not arrive as a stream n8n can store');
	}
	return body as unknown as BinaryInput;
}
