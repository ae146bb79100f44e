/**
 * How failures of n8n's own HTTP helpers reach the nodes: n8n wraps every network error of
 * `httpRequestWithAuthentication` in a NodeApiError (around axios's error, around the system
 * error). The client must still read the system code underneath, because that code alone tells
 * a submit that never left n8n (safe to resend) from one that may have reached fal (a resend
 * could start and bill a second job).
 */
import { createServer } from 'node:net';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { falCredentials, imageNode, runSingleNode, useFakeFal } from './support';
import { runWorkflow } from '../harness';

const fal = useFakeFal();

/** A port on 127.0.0.1 where nothing listens: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/**
 * The client's retry notices, which the nodes forward to n8n's debug log: n8n's Logger in the
 * DI container is replaced for the run by one that also records debug messages.
 */
function captureRetryNotices(): { notices: () => string[]; restore: () => void } {
	const original = Container.get(Logger);
	const messages: string[] = [];
	const recording = Object.create(original, {
		debug: {
			value: (message: string, meta?: Parameters<Logger['debug']>[1]) => {
				messages.push(String(message));
				original.debug(message, meta);
			},
		},
	}) as Logger;
	Container.set(Logger, recording);
	return {
		notices: () => messages.filter((message) => /retrying/.test(message)),
		restore: () => Container.set(Logger, original),
	};
}

describe('network failures under n8n HTTP helpers', () => {
	it('resends a submit whose connection was refused (nothing reached fal), then names the cause', async () => {
		const credentials = falCredentials(fal());
		credentials.falAiApi.queueUrl = `http://127.0.0.1:${await closedPort()}/queue`;
		const capture = captureRetryNotices();
		try {
			const result = await runWorkflow({ nodes: [imageNode({ prompt: 'a fox' })], credentials });
			expect(result.error?.message).toBeDefined();
			const text = `${result.error?.message} ${result.error?.description ?? ''}`;
			expect(result.error?.message).toMatch(/^Could not reach fal: POST http:\/\/127\.0\.0\.1:\d+\/queue\/fal-ai\/flux\/dev failed, the connection was refused$/);
			expect(result.error?.description).toMatch(/Network error ECONNREFUSED/);
			expect(text).not.toMatch(/may have reached fal/);
			// The submit policy allows 3 resends of a request that certainly never left n8n.
			expect(capture.notices()).toHaveLength(3);
		} finally {
			capture.restore();
		}
	}, 30_000);

	it('never resends a submit whose connection dropped after it was sent: one job at most', async () => {
		fal().inject({ match: { kind: 'submit' }, action: { type: 'drop-after-processing' } });
		const capture = captureRetryNotices();
		try {
			const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox' }));
			expect(result.error?.message).toMatch(/failed, the connection was closed unexpectedly; the request may have reached fal, so it was not resent/);
			expect(fal().requestsOf('submit')).toHaveLength(1);
			expect(capture.notices()).toHaveLength(0);
		} finally {
			capture.restore();
		}
	});

	it('retries a result fetch whose connection dropped, and the run succeeds', async () => {
		fal().inject({ match: { kind: 'result' }, action: { type: 'drop' } });
		const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox' }));
		expect(result.error).toBeUndefined();
		expect(fal().requestsOf('result')).toHaveLength(2);
		expect(fal().requestsOf('submit')).toHaveLength(1);
	});
});
