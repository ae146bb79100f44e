/**
 * Ctrl-C / SIGTERM handling for the demo: the first signal runs a clean shutdown (n8n, its task
 * runner and the fake fal server), a second one exits at once.
 */

/** Calls `shutdown` on the first SIGINT/SIGTERM/SIGHUP, then exits with its result's code. */
export function stopOnSignals(shutdown: (signal: string) => Promise<number>): void {
	let stopping = false;
	const onSignal = (signal: NodeJS.Signals): void => {
		if (stopping) {
			process.stdout.write(`\n${signal} again: exiting without waiting\n`);
			process.exit(130);
		}
		stopping = true;
		shutdown(signal).then(
			(code) => process.exit(code),
			(error: unknown) => {
				process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
				process.exit(1);
			},
		);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}
