/**
 * The request body exactly as received, which the signature covers.
 *
 * n8n (2.x) installs a raw-body reader on every request: `req.readRawBody()` buffers the bytes
 * into `req.rawBody` (after undoing any gzip/deflate), and its JSON body parser calls it before
 * the node's `webhook()` runs. Both are declared by n8n-workflow on the request n8n hands over.
 */
import type { WebhookRequest } from './webhookTypes';

/** Returns `req.rawBody`, reading it first if n8n has not yet; an empty buffer if there is none. */
export async function readRawBody(request: WebhookRequest): Promise<Buffer> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
}
