/**
 * The upload scenario: a file generated in a temp dir (deleted afterwards) is uploaded once per
 * variant, each in its own fresh child process (see upload-worker.ts), one after the other.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { exited, firstMessage, startChild } from './child';
import type { BenchFake } from './fake-control';
import type { UploadJob, UploadOutcome, UploadVariant } from './upload-worker';

export const MiB = 1024 * 1024;

/** What one variant gave: its outcome, or why it could not be measured. */
export type UploadMeasurement = UploadOutcome | { variant: UploadVariant; bytes: number; error: string };

/** Writes `size` bytes of incompressible data (a random MiB repeated) without holding them. */
async function writeTestFile(path: string, size: number): Promise<void> {
	const block = randomBytes(MiB);
	const file = await open(path, 'w');
	try {
		for (let written = 0; written < size; written += MiB) {
			await file.write(block, 0, Math.min(MiB, size - written));
		}
	} finally {
		await file.close();
	}
}

async function uploadInChild(job: UploadJob, timeoutMs: number): Promise<UploadMeasurement> {
	const child = startChild(join(__dirname, 'upload-worker.ts'), [JSON.stringify(job)], { nodeFlags: ['--expose-gc'] });
	try {
		const answer = await firstMessage<UploadOutcome | { error: string }>(child, timeoutMs, `upload (${job.variant})`);
		return 'error' in answer ? { variant: job.variant, bytes: job.size, error: answer.error } : answer;
	} catch (error) {
		child.kill();
		return { variant: job.variant, bytes: job.size, error: error instanceof Error ? error.message : String(error) };
	} finally {
		await exited(child, 5_000);
	}
}

export interface UploadPlan {
	variant: UploadVariant;
	size: number;
	timeoutMs: number;
}

/** Runs each planned upload (sizes may differ per variant); one test file per distinct size. */
export async function measureUploads(fake: BenchFake, plans: readonly UploadPlan[]): Promise<UploadMeasurement[]> {
	const dir = mkdtempSync(join(tmpdir(), 'fal-bench-upload-'));
	const files = new Map<number, string>();
	const results: UploadMeasurement[] = [];
	// Even a run killed by its watchdog (process.exit) must not leave 500 MiB behind.
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	process.once('exit', removeDir);
	try {
		for (const plan of plans) {
			let path = files.get(plan.size);
			if (!path) {
				path = join(dir, `bench-${plan.size}.bin`);
				await writeTestFile(path, plan.size);
				files.set(plan.size, path);
			}
			await fake.reset();
			results.push(await uploadInChild({ variant: plan.variant, path, size: plan.size, hosts: fake.hosts, key: fake.key }, plan.timeoutMs));
		}
	} finally {
		process.off('exit', removeDir);
		removeDir();
	}
	return results;
}
