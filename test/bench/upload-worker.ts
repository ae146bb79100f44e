/**
 * Child-process entry: one upload of the benchmark file, alone in a fresh process so its memory
 * is measured apart from everything else. RSS is sampled every 20 ms from just before the source
 * is opened until the upload resolves; the stored size is then checked on the fake so a broken
 * upload cannot pass for a fast one. Arguments: an UploadJob as JSON in argv[2]; the answer is
 * one IPC message (UploadOutcome or {error}).
 */
import { createReadStream, openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { officialClient, ourClient } from './clients';
import type { FakeHosts } from './fake-control';
import { RssSampler, type RssSummary } from './rss-sampler';

export type UploadVariant =
	/** Ours: `storage.upload(fs.createReadStream(path), {size})`, multipart, parts cut from the stream. */
	| 'ours-stream'
	/** Official: `storage.upload(await fs.openAsBlob(path))`, a disk-backed Blob (its best case in Node). */
	| 'official-file-blob'
	/** Official: `storage.upload(new Blob([await fs.readFile(path)]))`, the file read into memory first. */
	| 'official-memory-blob';

export interface UploadJob {
	variant: UploadVariant;
	path: string;
	size: number;
	hosts: FakeHosts;
	key: string;
}

export interface UploadOutcome {
	variant: UploadVariant;
	bytes: number;
	seconds: number;
	rss: RssSummary;
}

const CONTENT_TYPE = 'video/mp4';

async function upload(job: UploadJob): Promise<string> {
	switch (job.variant) {
		case 'ours-stream': {
			const client = ourClient(job.hosts, job.key);
			try {
				const uploaded = await client.storage.upload(createReadStream(job.path), {
					size: job.size,
					contentType: CONTENT_TYPE,
					fileName: 'bench.mp4',
				});
				return uploaded.url;
			} finally {
				await client.close();
			}
		}
		case 'official-file-blob':
			return officialClient(job.hosts, job.key).storage.upload(await openAsBlob(job.path, { type: CONTENT_TYPE }));
		case 'official-memory-blob':
			return officialClient(job.hosts, job.key).storage.upload(new Blob([await readFile(job.path)], { type: CONTENT_TYPE }));
	}
}

/** The size the fake serves the uploaded file with (HEAD), to confirm every byte arrived. */
async function storedSize(url: string): Promise<number> {
	const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
	if (!response.ok) throw new Error(`HEAD of the uploaded file answered HTTP ${response.status}`);
	return Number(response.headers.get('content-length'));
}

async function main(): Promise<void> {
	// A parent that went away (its watchdog fired) no longer wants the answer.
	process.once('disconnect', () => process.exit(1));
	const job = JSON.parse(process.argv[2] ?? '{}') as UploadJob;
	// Start from a settled heap so the baseline is not inflated by start-up garbage.
	(globalThis as { gc?: () => void }).gc?.();
	const sampler = new RssSampler({ intervalMs: 20 });
	sampler.start();
	const started = performance.now();
	const uploaded = await upload(job).then(
		(url) => ({ url }),
		(error: unknown) => ({ error }),
	);
	const seconds = (performance.now() - started) / 1000;
	const rss = sampler.stop();
	if ('error' in uploaded) throw uploaded.error;
	const { url } = uploaded;
	const stored = await storedSize(url);
	if (stored !== job.size) throw new Error(`the fake stored ${stored} bytes, expected ${job.size}`);
	const outcome: UploadOutcome = { variant: job.variant, bytes: job.size, seconds, rss };
	await reply(outcome);
}

/** Sends the answer to the parent and resolves once it is on its way. */
function reply(message: UploadOutcome | { error: string }): Promise<void> {
	return new Promise((resolve) => {
		if (!process.send) return resolve();
		process.send(message, () => resolve());
	});
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		void reply({ error: error instanceof Error ? error.message : String(error) }).then(() => process.exit(1));
	},
);
