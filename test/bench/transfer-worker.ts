/**
 * Child-process entry: one file transfer (see transfers.ts), alone in a fresh process so its
 * memory is measured apart from everything else. The transfer is set up first (not measured),
 * then, after a GC, RSS (and Buffer memory) is sampled every 20 ms from just before the transfer starts until it has
 * finished and checked its result. Arguments: a TransferJob as JSON in argv[2]; the answer is one
 * IPC message (TransferOutcome or {error}).
 */
import { closeHarness } from '../harness';
import { RssSampler, type RssSummary } from './rss-sampler';
import { prepareTransfer, type TransferJob, type TransferVariant } from './transfers';

export interface TransferOutcome {
	variant: TransferVariant;
	bytes: number;
	seconds: number;
	rss: RssSummary;
	/**
	 * The same for the memory held by Buffers and ArrayBuffers (`memoryUsage().arrayBuffers`):
	 * unlike RSS, it does not hide buffers placed in pages the process already had.
	 */
	buffers: RssSummary;
}

async function main(): Promise<void> {
	// A parent that went away (its watchdog fired) no longer wants the answer.
	process.once('disconnect', () => process.exit(1));
	const job = JSON.parse(process.argv[2] ?? '{}') as TransferJob;
	// Even an exit on error must not leave hundreds of MiB in n8n's binary store.
	process.once('exit', closeHarness);
	const prepared = await prepareTransfer(job);
	process.once('exit', () => prepared.cleanUp());
	// Start from a settled heap so the baseline is not inflated by set-up garbage.
	(globalThis as { gc?: () => void }).gc?.();
	const sampler = new RssSampler({ intervalMs: 20 });
	const buffers = new RssSampler({ intervalMs: 20, read: () => process.memoryUsage().arrayBuffers });
	sampler.start();
	buffers.start();
	const started = performance.now();
	const done = await prepared.run().then(
		() => undefined,
		(error: unknown) => ({ error }),
	);
	const seconds = (performance.now() - started) / 1000;
	const rss = sampler.stop();
	const bufferSummary = buffers.stop();
	if (done) throw done.error;
	await reply({ variant: job.variant, bytes: job.size, seconds, rss, buffers: bufferSummary });
}

/** Sends the answer to the parent and resolves once it is on its way. */
function reply(message: TransferOutcome | { error: string }): Promise<void> {
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
