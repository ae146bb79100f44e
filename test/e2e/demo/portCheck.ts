/**
 * Checks that the demo's fixed port is free before n8n tries it, to give a clear message instead
 * of n8n's start-up error buried in its log.
 */
import { createServer } from 'node:net';

/** Whether `port` can be listened on at 127.0.0.1 right now. */
export async function portIsFree(port: number): Promise<boolean> {
	const server = createServer();
	return new Promise<boolean>((resolve) => {
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}
