/**
 * A ring of reusable part buffers for multipart uploads.
 *
 * Cutting a 500 MB upload into fresh 10 MB buffers leaves each one as garbage once its PUT is
 * done, and the collector frees such large buffers late: RSS grows far past the few parts that
 * are live. Filling the same few buffers over and over keeps RSS at their total.
 *
 * A buffer goes back to the ring only through {@link Part.release}, which the uploader calls once
 * the part's PUT has settled for good (retries included). Until then nobody may write into it: a
 * retry must resend the same bytes. Once a part PUT has succeeded, the server has read every byte
 * of it (it answers with the etag of the whole body), so none of them is still waiting in a
 * socket on its way to the stored part.
 */

/** One part of an upload: its bytes and the way to hand its buffer back for reuse. */
export interface Part {
	/** The part's bytes: a view of a pooled buffer, valid until {@link release} is called. */
	bytes: Buffer;
	/** Returns the buffer to its ring; calling it again does nothing. */
	release(): void;
}

export class PartBufferPool {
	private readonly free: Buffer[] = [];
	private readonly waiting: Array<(buffer: Buffer) => void> = [];
	private allocated = 0;

	/**
	 * @param partSize bytes per buffer.
	 * @param capacity most buffers ever allocated; past that, {@link acquire} waits for a release.
	 */
	constructor(
		readonly partSize: number,
		readonly capacity: number,
	) {
		if (!(partSize > 0) || !(capacity >= 1)) throw new RangeError('PartBufferPool: partSize and capacity must be positive');
	}

	/** A free buffer: a released one, a new one while under capacity, else the next one released. */
	acquire(): Promise<Buffer> {
		const reused = this.free.pop();
		if (reused) return Promise.resolve(reused);
		if (this.allocated < this.capacity) {
			this.allocated++;
			// Never zero-filled: only the bytes written into it are ever sent (Part.bytes is a view).
			return Promise.resolve(Buffer.allocUnsafeSlow(this.partSize));
		}
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	/** Wraps the first `length` bytes of an acquired buffer as a part that releases it once. */
	part(buffer: Buffer, length: number): Part {
		let released = false;
		return {
			bytes: buffer.subarray(0, length),
			release: () => {
				if (released) return;
				released = true;
				this.release(buffer);
			},
		};
	}

	/** Hands a buffer back: to the longest waiter, or to the free list. */
	release(buffer: Buffer): void {
		const waiter = this.waiting.shift();
		if (waiter) waiter(buffer);
		else this.free.push(buffer);
	}

	/** How many buffers exist (for tests and diagnostics). */
	get allocatedCount(): number {
		return this.allocated;
	}
}
