/**
 * Child-process entry: runs the fake fal server for the benchmark, so its CPU work (SSE pushes,
 * writing uploads to disk) does not land in the measured client process. Options come as JSON in
 * argv[2]; the parent gets `{baseUrl, key, hosts}` once it listens and sends `'close'` to stop it (a
 * lost parent stops it too, so it never outlives the run).
 */
import { startFakeFal, type FakeFalHosts, type FakeFalOptions } from '../fake-fal';

export interface FakeReady {
	baseUrl: string;
	key: string;
	hosts: FakeFalHosts;
}

async function main(): Promise<void> {
	const options = JSON.parse(process.argv[2] ?? '{}') as FakeFalOptions;
	const fal = await startFakeFal({ ...options, port: 0 });
	let closing: Promise<void> | undefined;
	const close = () => {
		closing ??= fal.close().finally(() => process.exit(0));
	};
	process.on('message', (message) => message === 'close' && close());
	process.on('disconnect', close);
	process.send?.({ baseUrl: fal.baseUrl, key: fal.key, hosts: fal.hosts } satisfies FakeReady);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench fake-fal: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
