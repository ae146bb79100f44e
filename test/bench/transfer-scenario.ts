/**
 * The file scenarios: a file generated in a temp dir (deleted afterwards) is uploaded once per
 * upload variant, and a result of the same size downloaded once per download variant, each in
 * its own fresh child process (see transfer-worker.ts), one after the other.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { exited, firstMessage, startChild } from './child';
import type { BenchFake } from './fake-control';
import type { TransferOutcome } from './transfer-worker';
import { UPLOAD_VARIANTS, type TransferJob, type TransferVariant } from './transfers';

export const MiB = 1024 * 1024;

/** What one variant gave: its outcome, or why it could not be measured. */
export type TransferMeasurement = TransferOutcome | { variant: TransferVariant; bytes: number; error: string };

export function isMeasured(measurement: TransferMeasurement | undefined): measurement is TransferOutcome {
	return measurement !== undefined && !('error' in measurement);
}

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

async function transferInChild(job: TransferJob, timeoutMs: number): Promise<TransferMeasurement> {
	const child = startChild(join(__dirname, 'transfer-worker.ts'), [JSON.stringify(job)], { nodeFlags: ['--expose-gc'] });
	try {
		const answer = await firstMessage<TransferOutcome | { error: string }>(child, timeoutMs, `transfer (${job.variant})`);
		return 'error' in answer ? { variant: job.variant, bytes: job.size, error: answer.error } : answer;
	} catch (error) {
		child.kill();
		return { variant: job.variant, bytes: job.size, error: error instanceof Error ? error.message : String(error) };
	} finally {
		await exited(child, 5_000);
	}
}

export interface TransferPlan {
	variant: TransferVariant;
	size: number;
	timeoutMs: number;
}

const isUpload = (variant: TransferVariant) => (UPLOAD_VARIANTS as readonly string[]).includes(variant);

/** Runs each planned transfer; one test file per distinct upload size. */
export async function measureTransfers(
	fake: BenchFake,
	plans: readonly TransferPlan[],
	progress: (message: string) => void = () => undefined,
): Promise<TransferMeasurement[]> {
	const dir = mkdtempSync(join(tmpdir(), 'fal-bench-upload-'));
	const files = new Map<number, string>();
	const results: TransferMeasurement[] = [];
	// Even a run killed by its watchdog (process.exit) must not leave 500 MiB behind.
	const removeDir = () => rmSync(dir, { recursive: true, force: true });
	process.once('exit', removeDir);
	try {
		for (const plan of plans) {
			let path: string | undefined;
			if (isUpload(plan.variant)) {
				path = files.get(plan.size);
				if (!path) {
					path = join(dir, `bench-${plan.size}.bin`);
					await writeTestFile(path, plan.size);
					files.set(plan.size, path);
				}
			}
			// The fake's stored uploads go too, so the disk holds one copy at a time.
			await fake.reset();
			progress(`  ${plan.variant}`);
			results.push(await transferInChild({ variant: plan.variant, path, size: plan.size, hosts: fake.hosts, key: fake.key }, plan.timeoutMs));
		}
	} finally {
		process.off('exit', removeDir);
		removeDir();
		await fake.reset();
	}
	return results;
}
