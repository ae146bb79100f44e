/**
 * A watchdog for streamed bodies that should never fall silent.
 *
 * fal's status stream sends a `: ping` about every 15 s. A connection that died without a FIN
 * (NAT timeout, sleeping laptop, proxy) delivers nothing at all, and undici would only notice
 * after its body timeout (minutes). The watchdog notices after its own, shorter, silence.
 */
export class IdleWatchdog {
	private readonly controller = new AbortController();
	private readonly timer: NodeJS.Timeout;

	/** Starts counting at once: waiting for the response headers counts as silence too. */
	constructor(readonly timeoutMs: number) {
		if (!(timeoutMs > 0)) throw new RangeError('fal client: an idle timeout must be positive');
		this.timer = setTimeout(() => this.controller.abort(), timeoutMs);
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
		if (!this.fired) this.timer.refresh();
	}

	stop(): void {
		clearTimeout(this.timer);
	}

	/** Passes `chunks` through, touching the watchdog on each one. */
	async *watch<T>(chunks: AsyncIterable<T>): AsyncGenerator<T> {
		for await (const chunk of chunks) {
			this.touch();
			yield chunk;
		}
	}
}
