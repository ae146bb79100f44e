import { FalApiError, FalValidationError } from '../../nodes/FalAi/client';
import { caught, renderings, secretsOf, useHarness } from './helpers';

const flux = 'fal-ai/flux/dev';

describe('errors from fal, as a user reads them', () => {
	const h = useHarness({ key: 'leaky-key-id-0001:leaky-secret-0002' });

	it('401: a wrong key is named as such', async () => {
		const client = h.makeClient({ credentials: 'wrong-key-id-999:wrong-secret-999' });
		const error = await caught(() => client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toBeInstanceOf(FalApiError);
		expect((error as FalApiError).status).toBe(401);
		expect(error.message).toMatch(/401 Unauthorized to POST http:\/\/127\.0\.0\.1:\d+\/queue\/fal-ai\/flux\/dev: /);
		expect(renderings(error)).not.toContain('wrong-secret-999');
	});

	it('403: fal\'s reason is shown', async () => {
		h.fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status: 403 } });
		const error = await caught(() => h.client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toMatchObject({ status: 403 });
		expect(error.message).toMatch(/403 Forbidden.*: \S+/);
	});

	it('422 at submit lists the missing field', async () => {
		const error = await caught(() => h.client.queue.submit(flux, { num_images: 1 }));
		expect(error).toBeInstanceOf(FalValidationError);
		const validation = error as FalValidationError;
		expect(validation.fieldErrors.map((field) => field.field)).toContain('prompt');
		expect(validation.message).toMatch(/\nprompt: /);
	});

	it('422 content policy violations are recognisable', async () => {
		h.fal.inject({
			match: { kind: 'submit' },
			action: {
				type: 'status',
				status: 422,
				body: { detail: [{ loc: ['body', 'prompt'], msg: 'Prompt flagged', type: 'content_policy_violation' }] },
			},
		});
		const error = (await caught(() => h.client.queue.submit(flux, { prompt: 'x' }))) as FalValidationError;
		expect(error.contentPolicyViolation).toBe(true);
	});

	it('never shows the key: not in messages, stacks, JSON, causes or log events', async () => {
		const key = h.fal.key;
		// A server that echoes the key back, in its body and in a header.
		h.fal.inject({
			match: { kind: 'submit' },
			action: { type: 'status', status: 400, body: { detail: `bad request from Key ${key}` }, headers: { 'x-echo': key } },
		});
		h.fal.inject({ match: { kind: 'submit' }, action: { type: 'drop-after-processing' }, skip: 1 });
		h.fal.inject({ match: { kind: 'status' }, times: 2, action: { type: 'status', status: 503, body: { detail: key } } });
		const failures: unknown[] = [];
		failures.push(await caught(() => h.client.queue.submit(flux, { prompt: 'x' })));
		const submission = await h.client.queue.submit(flux, { prompt: 'x' });
		failures.push(await caught(() => h.client.queue.submit(flux, { prompt: 'x' })));
		await h.client.queue.status(submission);
		failures.push(await caught(() => h.client.queue.waitForCompletion(submission, { timeoutMs: 1 })));
		failures.push(await caught(() => h.client.queue.subscribe(flux, { prompt: 'x', fake: { fail: 'model_error' } })));
		const everything = [...failures.map(renderings), JSON.stringify(h.logs)].join('\n');
		expect(everything).toContain('[REDACTED]');
		for (const secret of secretsOf(key)) expect(everything).not.toContain(secret);
		// The key did travel where it belongs.
		expect(h.fal.requestsOf('submit')[0].headers.authorization).toBe(`Key ${key}`);
	});
});
