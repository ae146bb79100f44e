/**
 * The package's transport on n8n's helpers, with the helpers replaced by recorders: which helper
 * each call goes to, the options n8n receives, and how the caller's signal is honoured even where
 * n8n would not honour it.
 */
import { PassThrough } from 'node:stream';

import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { TransportError } from '../../nodes/FalAi/client/transport';
import { createN8nTransport, n8nTransportOf } from '../../nodes/FalAi/transport/n8nTransport';

function answer(status = 200, body = new PassThrough()) {
	return { statusCode: status, headers: { 'Content-Type': 'application/json', 'X-Fal-Request-Id': 'r1' }, body };
}

describe('the n8n transport', () => {
	it('sends fal calls through httpRequestWithAuthentication and others through httpRequest, with the options the client relies on', async () => {
		const calls: Array<{ helper: string; options: IHttpRequestOptions }> = [];
		const transport = createN8nTransport({
			httpRequest: async (options) => (calls.push({ helper: 'httpRequest', options }), answer()),
			httpRequestWithAuthentication: async (options) => (calls.push({ helper: 'withAuthentication', options }), answer()),
		});
		const signal = new AbortController().signal;
		const fal = await transport.send({ method: 'POST', url: 'https://queue.fal.run/x', headers: { 'content-type': 'application/json' }, body: '{}', authenticate: true, signal });
		await transport.send({ method: 'PUT', url: 'https://cdn.example/upload', headers: {}, body: Buffer.from('bytes'), authenticate: false });

		expect(calls.map((call) => call.helper)).toEqual(['withAuthentication', 'httpRequest']);
		expect(calls[0].options).toMatchObject({
			method: 'POST',
			url: 'https://queue.fal.run/x',
			body: '{}',
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			abortSignal: signal,
		});
		expect(calls[0].options.headers).not.toHaveProperty('authorization');
		expect(Buffer.isBuffer(calls[1].options.body)).toBe(true);
		expect(fal.status).toBe(200);
		expect(fal.headers).toEqual({ 'content-type': 'application/json', 'x-fal-request-id': 'r1' });
	});

	it('stops waiting at once when the caller aborts, and drops the late answer unread', async () => {
		let deliver: (value: ReturnType<typeof answer>) => void = () => undefined;
		const transport = createN8nTransport({ httpRequest: () => new Promise((resolve) => (deliver = resolve)) });
		const controller = new AbortController();
		const sent = transport.send({ method: 'GET', url: 'https://v3.fal.media/x', headers: {}, authenticate: false, signal: controller.signal });
		controller.abort();
		await expect(sent).rejects.toMatchObject({ name: 'TransportError', code: 'ABORT_ERR' });
		const late = answer();
		deliver(late);
		await new Promise((resolve) => setImmediate(resolve));
		expect(late.body.destroyed).toBe(true);
	});

	it('destroys a body still being read when the caller aborts', async () => {
		const body = new PassThrough();
		const transport = createN8nTransport({ httpRequest: async () => answer(200, body) });
		const controller = new AbortController();
		await transport.send({ method: 'GET', url: 'https://queue.fal.run/stream', headers: {}, authenticate: false, signal: controller.signal });
		expect(body.destroyed).toBe(false);
		controller.abort();
		expect(body.destroyed).toBe(true);
	});

	it('turns a helper failure into a TransportError with the system code only', async () => {
		const failure = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
			code: 'ECONNREFUSED',
			config: { headers: { Authorization: 'Key secret' } },
		});
		const transport = createN8nTransport({ httpRequest: async () => Promise.reject(failure) });
		const error = await transport.send({ method: 'GET', url: 'http://127.0.0.1:9', headers: {}, authenticate: false }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(TransportError);
		expect(error).toMatchObject({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' });
		expect(JSON.stringify(error)).not.toMatch(/secret/);
	});

	it('refuses an authenticated call where no credential helper was given', async () => {
		const transport = createN8nTransport({ httpRequest: async () => answer() });
		await expect(transport.send({ method: 'GET', url: 'https://api.fal.ai/v1/models', headers: {}, authenticate: true })).rejects.toThrow(/credential/);
	});

	it("calls httpRequestWithAuthentication on a context that hides the execution's cancel signal, so the client's signal stays", async () => {
		const executionSignal = AbortSignal.abort();
		let seen: { hasCancel: boolean; credentialType: string; node: string } | undefined;
		const ctx = {
			getExecutionCancelSignal: () => executionSignal,
			getNode: () => ({ name: 'Generate Image' }),
			helpers: {
				httpRequest: async () => answer(),
				async httpRequestWithAuthentication(this: { getNode(): { name: string } }, credentialType: string) {
					seen = { hasCancel: 'getExecutionCancelSignal' in this, credentialType, node: this.getNode().name };
					return answer();
				},
			},
		} as unknown as IExecuteFunctions;
		await n8nTransportOf(ctx).send({ method: 'PUT', url: 'https://queue.fal.run/x/cancel', headers: {}, authenticate: true });
		expect(seen).toEqual({ hasCancel: false, credentialType: 'falAiApi', node: 'Generate Image' });
	});
});
