import { startFakeFal, type FakeFal } from './index';
import { call, submit, waitFor } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal({ queueMs: 0, runMs: 10 });
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

const control = (path: string): string => `${fal.baseUrl}/__fake/${path}`;

describe('control API over HTTP (no key needed)', () => {
	it('lists recorded requests, filtered by kind', async () => {
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
		const all = await call(fal, 'GET', control('requests'), { key: null });
		expect(all.body.map((request: { kind: string }) => request.kind)).toEqual(['submit', 'control']);
		const submits = await call(fal, 'GET', control('requests?kind=submit'), { key: null });
		expect(submits.body).toHaveLength(1);
		expect(submits.body[0]).toMatchObject({ method: 'POST', path: '/queue/fal-ai/flux/dev', body: { prompt: 'x' }, endpointId: 'fal-ai/flux/dev' });
	});

	it('adds a fault from JSON (path as a regex source, times "Infinity") and clears faults', async () => {
		const added = await call(fal, 'POST', control('faults'), {
			key: null,
			body: { match: { path: '^/run/fal-ai/', method: 'POST' }, times: 'Infinity', action: { type: 'status', status: 503 } },
		});
		expect(added.status).toBe(201);
		expect(added.body.id).toEqual(expect.any(String));
		for (let attempt = 0; attempt < 2; attempt++) expect((await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/dev`, { body: { prompt: 'x' } })).status).toBe(503);
		expect((await call(fal, 'DELETE', control('faults'), { key: null })).status).toBe(200);
		expect((await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/dev`, { body: { prompt: 'x' } })).status).toBe(200);
	});

	it('refuses a fault without a known action type', async () => {
		expect((await call(fal, 'POST', control('faults'), { key: null, body: { match: {}, action: { type: 'explode' } } })).status).toBe(422);
	});

	it('shows a job by request id, and 404 for an unknown one', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { runMs: 0 } });
		await waitFor(() => fal.job(job.request_id)?.state === 'COMPLETED');
		const shown = await call(fal, 'GET', control(`jobs/${job.request_id}`), { key: null });
		expect(shown.body).toMatchObject({ requestId: job.request_id, endpointId: 'fal-ai/flux/dev', state: 'COMPLETED', input: { prompt: 'x' }, result: { status: 200 } });
		expect((await call(fal, 'GET', control('jobs/unknown'), { key: null })).status).toBe(404);
	});

	it('resets requests, jobs and faults', async () => {
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
		fal.inject({ match: { kind: 'run' }, action: { type: 'drop' } });
		expect((await call(fal, 'POST', control('reset'), { key: null })).status).toBe(200);
		expect(fal.jobs).toHaveLength(0);
		expect(fal.requests).toHaveLength(0);
		expect((await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/dev`, { body: { prompt: 'x' } })).status).toBe(200);
	});

	it('lists webhook deliveries and tells its URLs and key', async () => {
		expect((await call(fal, 'GET', control('webhooks'), { key: null })).body).toEqual([]);
		const info = await call(fal, 'GET', control('info'), { key: null });
		expect(info.body).toEqual({ baseUrl: fal.baseUrl, hosts: fal.hosts, key: fal.key });
	});

	it('changes timing options of the running fake', async () => {
		await call(fal, 'POST', control('config'), { key: null, body: { queueMs: 60_000 } });
		try {
			const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
			expect((await call(fal, 'GET', job.status_url)).body.status).toBe('IN_QUEUE');
		} finally {
			fal.configure({ queueMs: 0 });
		}
	});
});
