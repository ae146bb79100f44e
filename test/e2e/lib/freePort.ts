/**
 * Asks the OS for a free TCP port on 127.0.0.1, so several n8n processes (a server plus
 * `n8n execute` runs, or parallel checkouts) never fight over n8n's fixed default ports.
 */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string') throw new Error('No TCP port was assigned');
	return address.port;
}
