/**
 * Polls `check` until it gives a value, for what a running n8n does in its own time (an execution
 * ending, a job reaching fal). On timeout the error carries `diagnostics()` (the last n8n output),
 * which is what one needs to see why it never happened.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface UntilOptions {
	timeoutMs?: number;
	intervalMs?: number;
	/** Appended to the timeout error, e.g. the tail of n8n's output. */
	diagnostics?: () => string;
}

export async function until<T>(label: string, check: () => Promise<T | undefined>, options: UntilOptions = {}): Promise<T> {
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}${options.diagnostics ? `\n${options.diagnostics()}` : ''}`);
		await sleep(options.intervalMs ?? 250);
	}
}
