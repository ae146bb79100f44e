import { buildRequestUrl, parseEndpointId, requestUrl, submitUrl } from '../../nodes/FalAi/client/endpoint';
import { FalEndpointIdError } from '../../nodes/FalAi/client/errors';
import { DEFAULT_HOSTS, isUnderConfiguredHost, resolveHosts } from '../../nodes/FalAi/client/hosts';

const hosts = resolveHosts();

describe('parseEndpointId', () => {
	it('splits owner, alias and sub-path', () => {
		expect(parseEndpointId('fal-ai/flux/dev')).toEqual({
			namespace: undefined,
			owner: 'fal-ai',
			alias: 'flux',
			path: 'dev',
			id: 'fal-ai/flux/dev',
			appId: 'fal-ai/flux',
		});
	});

	it('keeps a deep sub-path', () => {
		const parsed = parseEndpointId('fal-ai/kling-video/v2.1/master/text-to-video');
		expect(parsed.appId).toBe('fal-ai/kling-video');
		expect(parsed.path).toBe('v2.1/master/text-to-video');
	});

	it.each(['workflows', 'comfy'])('treats %s/ as a namespace before owner/alias', (namespace) => {
		const parsed = parseEndpointId(`${namespace}/someone/my-flow/run`);
		expect(parsed.namespace).toBe(namespace);
		expect(parsed.owner).toBe('someone');
		expect(parsed.appId).toBe(`${namespace}/someone/my-flow`);
		expect(parsed.id).toBe(`${namespace}/someone/my-flow/run`);
	});

	it('reads the legacy 123-app form as owner 123, alias app', () => {
		expect(parseEndpointId('123-my-app')).toMatchObject({ owner: '123', alias: 'my-app', id: '123/my-app' });
	});

	it('trims spaces and surrounding slashes', () => {
		expect(parseEndpointId('  /fal-ai/flux/dev/ ').id).toBe('fal-ai/flux/dev');
	});

	it('rejects a single segment with an example of the right form', () => {
		expect(() => parseEndpointId('flux')).toThrow(FalEndpointIdError);
		expect(() => parseEndpointId('flux')).toThrow(/owner\/alias.*fal-ai\/flux\/dev/);
	});

	it.each(['workflows/only-owner', 'fal-ai//flux', 'fal-ai/../secret', 'fal-ai/flux?x=1', 'fal-ai/fl ux', ''])(
		'rejects %j',
		(id) => {
			expect(() => parseEndpointId(id)).toThrow(FalEndpointIdError);
		},
	);
});

describe('queue URLs', () => {
	it('submits to the full id', () => {
		expect(submitUrl(hosts, 'fal-ai/flux/dev')).toBe('https://queue.fal.run/fal-ai/flux/dev');
	});

	it('builds status, stream, result and cancel URLs without the sub-path', () => {
		expect(buildRequestUrl(hosts, 'fal-ai/flux/dev', 'r1', 'status')).toBe('https://queue.fal.run/fal-ai/flux/requests/r1/status');
		expect(buildRequestUrl(hosts, 'fal-ai/flux/dev', 'r1', 'statusStream')).toBe(
			'https://queue.fal.run/fal-ai/flux/requests/r1/status/stream',
		);
		expect(buildRequestUrl(hosts, 'fal-ai/flux/dev', 'r1', 'result')).toBe('https://queue.fal.run/fal-ai/flux/requests/r1');
		expect(buildRequestUrl(hosts, 'comfy/me/flow/x', 'r1', 'cancel')).toBe('https://queue.fal.run/comfy/me/flow/requests/r1/cancel');
	});

	it('escapes the request id', () => {
		expect(buildRequestUrl(hosts, 'a/b', '../x?y', 'status')).toBe('https://queue.fal.run/a/b/requests/..%2Fx%3Fy/status');
	});

	it('prefers the URLs fal returned at submit', () => {
		const ref = {
			endpointId: 'fal-ai/flux/dev',
			requestId: 'r1',
			statusUrl: 'https://queue.fal.run/fal-ai/flux/requests/r1/status?x=1',
			responseUrl: 'https://queue.fal.run/fal-ai/flux/requests/r1',
			cancelUrl: 'https://queue.fal.run/fal-ai/flux/requests/r1/cancel',
		};
		expect(requestUrl(hosts, ref, 'status')).toBe(ref.statusUrl);
		expect(requestUrl(hosts, ref, 'statusStream')).toBe('https://queue.fal.run/fal-ai/flux/requests/r1/status/stream');
		expect(requestUrl(hosts, ref, 'result')).toBe(ref.responseUrl);
		expect(requestUrl(hosts, ref, 'cancel')).toBe(ref.cancelUrl);
	});

	it('ignores returned URLs outside the configured queue host, so the key stays home', () => {
		const ref = { endpointId: 'fal-ai/flux/dev', requestId: 'r1', statusUrl: 'https://evil.example/steal/status' };
		expect(requestUrl(hosts, ref, 'status')).toBe('https://queue.fal.run/fal-ai/flux/requests/r1/status');
	});
});

describe('hosts', () => {
	it('defaults to fal and strips trailing slashes from overrides', () => {
		expect(resolveHosts()).toEqual(DEFAULT_HOSTS);
		expect(resolveHosts({ queueUrl: 'http://127.0.0.1:9/queue//' }).queueUrl).toBe('http://127.0.0.1:9/queue');
	});

	it('rejects a base URL that is not http(s)', () => {
		expect(() => resolveHosts({ restUrl: 'ftp://x' })).toThrow(/restUrl/);
		expect(() => resolveHosts({ restUrl: 'not a url' })).toThrow(/restUrl/);
	});

	it('only counts URLs under a configured base path as fal hosts', () => {
		const custom = resolveHosts({ queueUrl: 'http://127.0.0.1:9/queue', runUrl: 'http://127.0.0.1:9/run' });
		expect(isUnderConfiguredHost('http://127.0.0.1:9/queue/a/b', custom)).toBe(true);
		expect(isUnderConfiguredHost('http://127.0.0.1:9/queue', custom)).toBe(true);
		expect(isUnderConfiguredHost('http://127.0.0.1:9/queueish/a', custom)).toBe(false);
		expect(isUnderConfiguredHost('http://127.0.0.1:9/media/x.png', custom)).toBe(false);
		expect(isUnderConfiguredHost('https://v3.fal.media/files/x.png', custom)).toBe(false);
		expect(isUnderConfiguredHost('https://rest.fal.ai/storage', custom)).toBe(true);
	});
});
