/**
 * Child processes of the benchmark (the fake server, each upload): TypeScript run through
 * ts-node, talking to the parent over IPC. Separate processes keep one side's CPU and memory out
 * of the other's measurements.
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface ChildOptions {
	/** Extra node flags, e.g. `--expose-gc`. */
	nodeFlags?: string[];
}

/** Starts `script` (a .ts file) with `args`; its stdout/stderr go to ours. */
export function startChild(script: string, args: string[], options: ChildOptions = {}): ChildProcess {
	return fork(script, args, {
		execArgv: ['-r', 'ts-node/register/transpile-only', ...(options.nodeFlags ?? [])],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

/** The child's first IPC message; rejects if it exits or stays silent for `ms`. */
export function firstMessage<T>(child: ChildProcess, ms: number, what: string): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => done(new Error(`${what}: no answer within ${ms} ms`)), ms);
		const onMessage = (message: unknown) => done(undefined, message as T);
		const onExit = (code: number | null, signal: string | null) =>
			done(new Error(`${what}: exited (code ${code ?? '-'}, signal ${signal ?? '-'}) before answering`));
		function done(error?: Error, message?: T): void {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
			if (error) reject(error);
			else resolve(message as T);
		}
		child.on('message', onMessage);
		child.on('exit', onExit);
	});
}

/** Resolves when the child has exited, killing it if it has not within `ms`. */
export function exited(child: ChildProcess, ms: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise<void>((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}
