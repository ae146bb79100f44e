/**
 * A watchdog for streamed bodies that should never fall silent.
 *
 * fal's status stream sends a `: ping` about every 15 s. A connection that died without a FIN
 * (NAT timeout, sleeping laptop, proxy) delivers nothing at all, and the HTTP stack would only
 * notice after its own timeouts (minutes, or never). The watchdog notices after its own, shorter,
 * silence.
 *
 * It is built on `AbortSignal.timeout` (no timer globals, see sleep.ts): rather than restarting a
 * timer on every chunk, it notes the time of the last chunk and, when its timeout signal fires,
 * either fires itself or waits again for the rest of the silence.
 */
export class IdleWatchdog {
	private readonly controller = new AbortController();
	private lastActivity = Date.now();
	private stopped = false;

	/** Starts counting at once: waiting for the response headers counts as silence too. */
	constructor(readonly timeoutMs: number) {
		if (!(timeoutMs > 0)) throw new RangeError('fal client: an idle timeout must be positive');
		this.arm(timeoutMs);
	}

	/** Aborted once `timeoutMs` passed without {@link touch}. */
	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get fired(): boolean {
		return this.controller.signal.aborted;
	}

	/** Something arrived: the silence starts over. */
	touch(): void {
		this.lastActivity = Date.now();
	}

	stop(): void {
		this.stopped = true;
	}

	/** Passes `chunks` through, touching the watchdog on each one. */
	async *watch<T>(chunks: AsyncIterable<T>): AsyncGenerator<T> {
		for await (const chunk of chunks) {
			this.touch();
			yield chunk;
		}
	}

	private arm(ms: number): void {
		AbortSignal.timeout(ms).addEventListener(
			'abort',
			() => {
				if (this.stopped || this.fired) return;
				const silentFor = Date.now() - this.lastActivity;
				if (silentFor >= this.timeoutMs) this.controller.abort();
				else this.arm(this.timeoutMs - silentFor);
			},
			{ once: true },
		);
	}
}
