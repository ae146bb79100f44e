/**
 * fal storage: `initiate` / `initiate-multipart` on the REST host hand out a pre-signed
 * `upload_url` (no API key needed there, like a CDN URL) and the `file_url` the bytes are served
 * at once uploaded. Bytes go straight to files in a temp dir, never into memory: the benchmark
 * uploads 500 MB. Multipart parts stay separate files and are served back to back.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { detail, json, type Reply } from './http-util';
import { missingField } from './models';

interface StoredPart {
	path: string;
	size: number;
	etag: string;
}

interface Upload {
	id: string;
	token: string;
	contentType: string;
	fileName: string;
	multipart: boolean;
	/** Part 1 is the whole file for a single upload. */
	parts: Map<number, StoredPart>;
	/** The parts served at file_url, in order, once the upload is complete. */
	served?: StoredPart[];
}

export class Storage {
	private readonly dir = mkdtempSync(join(tmpdir(), 'fake-fal-storage-'));
	private readonly uploads = new Map<string, Upload>();

	constructor(private readonly baseUrl: () => string) {}

	/** POST /rest/storage/upload/initiate[-multipart] */
	initiate(body: unknown, multipart: boolean): Reply {
		const { content_type: contentType, file_name: fileName } = (body ?? {}) as Record<string, unknown>;
		const missing = [
			...(typeof contentType === 'string' ? [] : ['content_type']),
			...(typeof fileName === 'string' ? [] : ['file_name']),
		];
		if (missing.length > 0) return json(422, { detail: missing.map(missingField) });
		const upload: Upload = {
			id: randomUUID().replace(/-/g, ''),
			token: randomBytes(12).toString('hex'),
			contentType: contentType as string,
			fileName: (fileName as string).replace(/[/\\]/g, '_') || 'file',
			multipart,
			parts: new Map(),
		};
		this.uploads.set(upload.id, upload);
		return json(200, {
			upload_url: `${this.baseUrl()}/upload/${upload.id}?token=${upload.token}`,
			file_url: this.fileUrl(upload),
		});
	}

	/** PUT upload_url: the whole file of a single upload. */
	async put(id: string, token: string | null, req: IncomingMessage): Promise<Reply> {
		const upload = this.authorised(id, token);
		if (!upload) return drained(req, detail(403, 'Invalid or expired upload URL'));
		if (upload.multipart) return drained(req, detail(400, 'This upload is multipart: PUT its parts'));
		const part = await this.receive(upload, 1, req);
		upload.served = [part];
		return { status: 200, raw: '' };
	}

	/** PUT {upload_url path}/{partNumber}{query}: one part, may be retried (the last one wins). */
	async putPart(id: string, partNumber: number, token: string | null, req: IncomingMessage): Promise<Reply> {
		const upload = this.authorised(id, token);
		if (!upload) return drained(req, detail(403, 'Invalid or expired upload URL'));
		if (!upload.multipart) return drained(req, detail(400, 'This upload is not multipart'));
		if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
			return drained(req, detail(400, 'Part numbers go from 1 to 10000'));
		}
		const part = await this.receive(upload, partNumber, req);
		return json(200, { partNumber, etag: part.etag });
	}

	/** POST {upload_url path}/complete{query}: the listed parts, ascending, with their etags. */
	complete(id: string, token: string | null, body: unknown): Reply {
		const upload = this.authorised(id, token);
		if (!upload) return detail(403, 'Invalid or expired upload URL');
		if (!upload.multipart) return detail(400, 'This upload is not multipart');
		const listed = (body as { parts?: unknown } | undefined)?.parts;
		if (!Array.isArray(listed) || listed.length === 0) return detail(400, 'parts must be a non-empty list');
		const served: StoredPart[] = [];
		let previous = 0;
		for (const item of listed as Array<{ partNumber?: unknown; etag?: unknown }>) {
			const partNumber = Number(item?.partNumber);
			const stored = upload.parts.get(partNumber);
			if (!stored) return detail(400, `Part ${String(item?.partNumber)} was not uploaded`);
			if (partNumber <= previous) return detail(400, 'Parts must be listed in ascending order without repeats');
			if (item.etag !== stored.etag) return detail(400, `Part ${partNumber}: etag does not match`);
			served.push(stored);
			previous = partNumber;
		}
		upload.served = served;
		return json(200, { file_url: this.fileUrl(upload) });
	}

	/** GET/HEAD /media/files/{id}/{name}: the uploaded bytes with their content type. */
	serve(id: string, method: string): Reply {
		const upload = this.uploads.get(id);
		if (!upload?.served) return detail(404, 'File not found');
		const parts = upload.served;
		const size = parts.reduce((sum, part) => sum + part.size, 0);
		return {
			stream: (res: ServerResponse) => {
				res.writeHead(200, {
					'content-type': upload.contentType,
					'content-length': String(size),
					'content-disposition': `inline; filename="${upload.fileName}"`,
				});
				if (method === 'HEAD') return void res.end();
				const concatenated = Readable.from(
					(async function* () {
						for (const part of parts) yield* createReadStream(part.path);
					})(),
				);
				pipeline(concatenated, res).catch(() => res.destroy());
			},
		};
	}

	/** Forgets every upload and deletes the stored bytes (reset and close). */
	clear(): void {
		this.uploads.clear();
		rmSync(this.dir, { recursive: true, force: true });
	}

	close(): void {
		this.clear();
	}

	/** Where the upload is served once complete. */
	private fileUrl(upload: Upload): string {
		return `${this.baseUrl()}/media/files/${upload.id}/${encodeURIComponent(upload.fileName)}`;
	}

	private authorised(id: string, token: string | null): Upload | undefined {
		const upload = this.uploads.get(id);
		return upload && upload.token === token ? upload : undefined;
	}

	private async receive(upload: Upload, partNumber: number, req: IncomingMessage): Promise<StoredPart> {
		const path = join(this.ensureDir(), `${upload.id}.${partNumber}.${randomBytes(4).toString('hex')}`);
		const hash = createHash('md5');
		let size = 0;
		const tap = new Transform({
			transform(chunk: Buffer, _encoding, callback) {
				hash.update(chunk);
				size += chunk.length;
				callback(null, chunk);
			},
		});
		await pipeline(req, tap, createWriteStream(path));
		const part = { path, size, etag: hash.digest('hex') };
		const replaced = upload.parts.get(partNumber);
		upload.parts.set(partNumber, part);
		if (replaced) rmSync(replaced.path, { force: true });
		return part;
	}

	private ensureDir(): string {
		// reset() removes the directory; recreate it for the next upload.
		mkdirSync(this.dir, { recursive: true });
		return this.dir;
	}
}

/** Answers without the body: consume it so the connection stays usable. */
function drained(req: IncomingMessage, reply: Reply): Reply {
	req.resume();
	return reply;
}
