/**
 * The file transfers the bench measures, each split into what is set up beforehand (not
 * measured: loading n8n's engine and the nodes, storing the source binary, a small warm-up
 * transfer through the same code) and the transfer itself (measured), which verifies its own
 * result so a broken transfer cannot pass for a fast one.
 *
 * Uploads of a file on disk:
 * - `node-upload`: the real Upload File node in n8n's engine (test/harness), the file stored
 *   beforehand as filesystem-mode binary data; the node streams it from `getBinaryStream` through
 *   its client on n8n's `httpRequest` (what users run);
 * - `n8n-client-upload` / `undici-upload`: our client on n8n-core's `httpRequest` / on undici,
 *   given `fs.createReadStream` (the shape `getBinaryStream` returns) — the client without the engine;
 * - `official-file-blob` / `official-memory-blob`: the official client, which needs a Blob.
 * Downloads of a job's result file (the fake pads it to the size asked, `fake.mediaBytes`):
 * - `node-download`: the real Generate Video node, Output Media "Download as Binary Data", into
 *   filesystem-mode binary data;
 * - `n8n-client-download` / `undici-download`: our client on n8n-core's `httpRequest` / on undici,
 *   `queue.subscribe` then `download` piped into a file.
 */
import { Container } from '@n8n/di';
import { createReadStream, createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { closeHarness } from '../harness';
import { BenchReadFile } from './bench-read-file.node';
import { officialClient, ourClient } from './clients';
import type { FakeHosts } from './fake-control';
import { falCredentials, modelNode, runOrThrow } from './harness-workflows';

export const UPLOAD_VARIANTS = ['node-upload', 'n8n-client-upload', 'undici-upload', 'official-file-blob', 'official-memory-blob'] as const;
export const DOWNLOAD_VARIANTS = ['node-download', 'n8n-client-download', 'undici-download'] as const;
export type TransferVariant = (typeof UPLOAD_VARIANTS)[number] | (typeof DOWNLOAD_VARIANTS)[number];

export interface TransferJob {
	variant: TransferVariant;
	/** Uploads: the file to send. */
	path?: string;
	size: number;
	hosts: FakeHosts;
	key: string;
}

/** A transfer ready to be measured: `run` does it and checks it; `cleanUp` removes what it left. */
export interface PreparedTransfer {
	run(): Promise<void>;
	cleanUp(): void;
}

const CONTENT_TYPE = 'video/mp4';
const WARM_UP_BYTES = 1024 * 1024;
const VIDEO_MODEL = 'fal-ai/kling-video/v2/master/text-to-video';

/** The size the fake serves an uploaded file with (HEAD), to confirm every byte arrived. */
async function expectStored(url: string, size: number): Promise<void> {
	const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
	if (!response.ok) throw new Error(`HEAD of the uploaded file answered HTTP ${response.status}`);
	const stored = Number(response.headers.get('content-length'));
	if (stored !== size) throw new Error(`the fake stored ${stored} bytes, expected ${size}`);
}

/** A temp dir, removed by `remove` or, whatever happens, when the process exits. */
function scratchDir(): { dir: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'fal-bench-transfer-'));
	const remove = () => rmSync(dir, { recursive: true, force: true });
	process.once('exit', remove);
	return { dir, remove };
}

/** A small file of the same kind, for the warm-up transfer. */
function warmUpFile(dir: string): string {
	const path = join(dir, 'warm-up.bin');
	writeFileSync(path, Buffer.alloc(WARM_UP_BYTES, 1));
	return path;
}

/** Stores `path` as filesystem-mode binary data in n8n's engine, as a Read File node would. */
async function storedBinary(path: string): Promise<IBinaryData> {
	const result = await runOrThrow({
		nodes: [{ name: 'Read File', type: 'benchReadFile', parameters: { path, fileName: 'bench.mp4', mimeType: CONTENT_TYPE } }],
		nodeTypes: [BenchReadFile],
		binaryDataMode: 'filesystem',
	});
	return result.binaryData('Read File', 0, 'data');
}

async function uploadThroughNode(job: TransferJob, binary: IBinaryData, size: number): Promise<void> {
	const result = await runOrThrow({
		nodes: [{ name: 'Upload', type: 'falAiUploadFile', parameters: { source: 'binary', binaryPropertyName: 'data' } }],
		items: [{ json: {}, binary: { data: binary } }],
		credentials: falCredentials(job.hosts, job.key),
		binaryDataMode: 'filesystem',
	});
	const [item] = result.output('Upload');
	if (item?.json.size !== size) throw new Error(`Upload File reported size ${String(item?.json.size)}, expected ${size}`);
	await expectStored(item.json.url as string, size);
}

async function prepareNodeUpload(job: TransferJob): Promise<PreparedTransfer> {
	const scratch = scratchDir();
	const warmUp = await storedBinary(warmUpFile(scratch.dir));
	await uploadThroughNode(job, warmUp, WARM_UP_BYTES);
	const binary = await storedBinary(job.path as string);
	return { run: () => uploadThroughNode(job, binary, job.size), cleanUp: () => (scratch.remove(), closeHarness()) };
}

async function prepareClientUpload(job: TransferJob, transport: 'n8n' | 'undici'): Promise<PreparedTransfer> {
	const scratch = scratchDir();
	const client = ourClient(job.hosts, job.key, transport);
	const upload = async (path: string, size: number) => {
		const uploaded = await client.storage.upload(createReadStream(path), { size, contentType: CONTENT_TYPE, fileName: 'bench.mp4' });
		await expectStored(uploaded.url, size);
	};
	await upload(warmUpFile(scratch.dir), WARM_UP_BYTES);
	return { run: () => upload(job.path as string, job.size), cleanUp: () => (scratch.remove(), void client.close()) };
}

async function prepareOfficialUpload(job: TransferJob, blob: 'file' | 'memory'): Promise<PreparedTransfer> {
	const scratch = scratchDir();
	const client = officialClient(job.hosts, job.key);
	const upload = async (path: string, size: number) => {
		const source = blob === 'file' ? await openAsBlob(path, { type: CONTENT_TYPE }) : new Blob([await readFile(path)], { type: CONTENT_TYPE });
		await expectStored(await client.storage.upload(source), size);
	};
	await upload(warmUpFile(scratch.dir), WARM_UP_BYTES);
	return { run: () => upload(job.path as string, job.size), cleanUp: scratch.remove };
}

/** A job whose video result the fake serves at `bytes` bytes. */
function paddedVideoInput(bytes: number): Record<string, unknown> {
	return { fake: { queueMs: 0, runMs: 0, mediaBytes: bytes } };
}

async function downloadThroughNode(job: TransferJob, bytes: number): Promise<void> {
	const result = await runOrThrow({
		nodes: [
			modelNode('Generate Video', 'falAiGenerateVideo', VIDEO_MODEL, {
				prompt: 'a large video',
				outputMedia: 'binary',
				additionalInput: JSON.stringify(paddedVideoInput(bytes)),
			}),
		],
		credentials: falCredentials(job.hosts, job.key),
		binaryDataMode: 'filesystem',
	});
	const video = result.binaryData('Generate Video', 0, 'video');
	if (!video.id) throw new Error('the video was not stored as filesystem binary data');
	const { fileSize } = await Container.get(BinaryDataService).getMetadata(video.id);
	if (fileSize !== bytes) throw new Error(`the stored video has ${fileSize} bytes, expected ${bytes}`);
}

async function prepareNodeDownload(job: TransferJob): Promise<PreparedTransfer> {
	await downloadThroughNode(job, WARM_UP_BYTES);
	return { run: () => downloadThroughNode(job, job.size), cleanUp: closeHarness };
}

async function prepareClientDownload(job: TransferJob, transport: 'n8n' | 'undici'): Promise<PreparedTransfer> {
	const scratch = scratchDir();
	const client = ourClient(job.hosts, job.key, transport);
	const download = async (bytes: number) => {
		const { data } = await client.queue.subscribe(VIDEO_MODEL, { prompt: 'a large video', ...paddedVideoInput(bytes) }, { timeoutMs: 30_000 });
		const file = await client.download((data as { video: { url: string } }).video.url);
		const path = join(scratch.dir, 'video.mp4');
		await pipeline(file.body, createWriteStream(path));
		const written = statSync(path).size;
		rmSync(path);
		if (written !== bytes) throw new Error(`the downloaded video has ${written} bytes, expected ${bytes}`);
	};
	await download(WARM_UP_BYTES);
	return { run: () => download(job.size), cleanUp: () => (scratch.remove(), void client.close()) };
}

export async function prepareTransfer(job: TransferJob): Promise<PreparedTransfer> {
	switch (job.variant) {
		case 'node-upload':
			return prepareNodeUpload(job);
		case 'n8n-client-upload':
			return prepareClientUpload(job, 'n8n');
		case 'undici-upload':
			return prepareClientUpload(job, 'undici');
		case 'official-file-blob':
			return prepareOfficialUpload(job, 'file');
		case 'official-memory-blob':
			return prepareOfficialUpload(job, 'memory');
		case 'node-download':
			return prepareNodeDownload(job);
		case 'n8n-client-download':
			return prepareClientDownload(job, 'n8n');
		case 'undici-download':
			return prepareClientDownload(job, 'undici');
	}
}
