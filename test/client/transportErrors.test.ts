import { createServer } from 'node:net';

import { NodeApiError, type INode } from 'n8n-workflow';

import { errorCodeOf, innermostMessageOf } from '../../nodes/FalAi/client/transportErrors';
import { n8nCoreHttpRequest } from '../support/n8nCoreTransport';

const node: INode = { id: '1', name: 'Generate Image', type: 'falAiGenerateImage', typeVersion: 1, position: [0, 0], parameters: {} };

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** What n8n-core's httpRequest throws for a refused connection (an AxiosError). */
async function refusedError(): Promise<unknown> {
	try {
		await n8nCoreHttpRequest({ url: `http://127.0.0.1:${await closedPort()}/x`, method: 'GET', ignoreHttpStatusErrors: true });
	} catch (error) {
		return error;
	}
	throw new Error('the request to a closed port succeeded');
}

describe('reading transport errors', () => {
	it("finds the system code and message under n8n's NodeApiError, which drops its cause", async () => {
		const wrapped = new NodeApiError(node, (await refusedError()) as never);
		// n8n rewrote the message for users and lost the cause: only these two fields keep the facts.
		expect(wrapped.message).not.toMatch(/ECONNREFUSED/);
		expect(wrapped.cause).toBeUndefined();
		expect(errorCodeOf(wrapped)).toBe('ECONNREFUSED');
		expect(innermostMessageOf(wrapped)).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
	});

	it("reads axios's own error directly", async () => {
		const error = await refusedError();
		expect(errorCodeOf(error)).toBe('ECONNREFUSED');
		expect(innermostMessageOf(error)).toMatch(/connect ECONNREFUSED/);
	});

	it('prefers the system code under a library code (undici wraps ECONNRESET in UND_ERR_SOCKET)', () => {
		const error = Object.assign(new Error('other side closed'), {
			code: 'UND_ERR_SOCKET',
			cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
		});
		expect(errorCodeOf(error)).toBe('ECONNRESET');
		expect(innermostMessageOf(error)).toBe('read ECONNRESET');
	});

	it('keeps a library code when nothing below it says more, and never takes an HTTP status for a code', () => {
		expect(errorCodeOf(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' }))).toBe('ERR_CANCELED');
		expect(errorCodeOf({ httpCode: '502', message: 'Bad gateway' })).toBeUndefined();
		expect(errorCodeOf(new Error('plain'))).toBeUndefined();
	});

	it('survives cyclic cause chains', () => {
		const first: { cause?: unknown; code?: string } = {};
		const second = { cause: first, code: 'EPIPE' };
		first.cause = second;
		expect(errorCodeOf(first)).toBe('EPIPE');
	});
});
