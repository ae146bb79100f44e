/**
 * Every timer of the fake goes through here so that `close()` can clear them all: jest must be
 * able to exit, and a closed fake must not keep delivering webhooks or advancing jobs.
 */
export class Timers {
	private readonly pending = new Set<NodeJS.Timeout>();
	private readonly intervals = new Set<NodeJS.Timeout>();
	private closed = false;

	/** Runs `fn` once after `ms`; returns a function that cancels it. */
	after(ms: number, fn: () => void): () => void {
		if (this.closed) return () => undefined;
		const timer = setTimeout(() => {
			this.pending.delete(timer);
			fn();
		}, Math.max(0, ms));
		timer.unref();
		this.pending.add(timer);
		return () => {
			clearTimeout(timer);
			this.pending.delete(timer);
		};
	}

	/** Runs `fn` every `ms` until the returned function is called. */
	every(ms: number, fn: () => void): () => void {
		if (this.closed) return () => undefined;
		const timer = setInterval(fn, Math.max(1, ms));
		timer.unref();
		this.intervals.add(timer);
		return () => {
			clearInterval(timer);
			this.intervals.delete(timer);
		};
	}

	/**
	 * Resolves after `ms`; at once when the fake is already closed. A sleep that close() cuts short
	 * never resolves: its request's connection is gone by then.
	 */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			if (this.closed) return resolve();
			this.after(ms, resolve);
		});
	}

	clearAll(): void {
		for (const timer of this.pending) clearTimeout(timer);
		for (const timer of this.intervals) clearInterval(timer);
		this.pending.clear();
		this.intervals.clear();
	}

	close(): void {
		this.closed = true;
		this.clearAll();
	}
}
