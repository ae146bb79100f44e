/**
 * The media host policy: fal's media hosts and listed hosts are allowed, private, loopback and
 * link-local addresses only when listed by name, and a refusal says which host and how to allow it.
 */
import { classifyHost, FAL_MEDIA_HOSTS, mediaUrlChecker, parseHostList, resultMediaChecker } from '../../nodes/FalAi/client/mediaHosts';

const hint = 'Add "{host}" to "Allowed Media Hosts".';
const triggerPolicy = (allowed: string[] = []) => mediaUrlChecker({ allowed: [...FAL_MEDIA_HOSTS, ...allowed], howToAllow: hint });

describe('classifyHost', () => {
	it.each([
		['127.0.0.1', 'loopback'],
		['127.8.9.10', 'loopback'],
		['localhost', 'loopback'],
		['api.localhost', 'loopback'],
		['[::1]', 'loopback'],
		['10.1.2.3', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.1.1', 'private'],
		['100.64.0.1', 'private'],
		['[fd00::1]', 'private'],
		['169.254.169.254', 'link-local'],
		['[fe80::1]', 'link-local'],
		['0.0.0.0', 'unspecified'],
		['[::]', 'unspecified'],
		['[::ffff:7f00:1]', 'loopback'],
		['[::ffff:a9fe:a9fe]', 'link-local'],
		['[64:ff9b::a9fe:a9fe]', 'link-local'],
		['224.0.0.1', 'reserved'],
		['metadata', 'local-name'],
		['printer.local', 'local-name'],
		['metadata.google.internal', 'local-name'],
		['172.32.0.1', 'public'],
		['8.8.8.8', 'public'],
		['v3.fal.media', 'public'],
		['[2606:4700::1111]', 'public'],
	])('%s is %s', (host, kind) => {
		expect(classifyHost(host)).toBe(kind);
	});

	it('sees through the spellings the URL parser normalises (decimal, hex, short IPv4; mapped IPv6)', () => {
		for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/', 'http://LOCALHOST./']) {
			expect(classifyHost(new URL(url).hostname)).toBe('loopback');
		}
		expect(classifyHost(new URL('http://0xa9.0xfe.0xa9.0xfe/').hostname)).toBe('link-local');
	});
});

describe('the Trigger policy', () => {
	it("allows fal's media hosts and their subdomains", () => {
		const check = triggerPolicy();
		for (const url of ['https://fal.media/files/a.png', 'https://v3.fal.media/files/b.png', 'https://v3b.fal.media/x', 'https://cdn.fal.ai/y.mp4', 'https://storage.googleapis.com/falserverless/example.png']) {
			expect(check(url)).toEqual({ ok: true });
		}
	});

	it('refuses another public host, naming it and how to allow it', () => {
		expect(triggerPolicy()('https://cdn.example.com/a.png')).toEqual({
			ok: false,
			host: 'cdn.example.com',
			message: expect.stringMatching(/cdn\.example\.com: it is not one of fal's media hosts.*Add "cdn\.example\.com" to "Allowed Media Hosts"/),
		});
		expect(triggerPolicy()('https://storage.googleapis.com/someone-elses-bucket/a.png')).toMatchObject({ ok: false });
		expect(triggerPolicy()('https://evilfal.media/a.png')).toMatchObject({ ok: false });
	});

	it('allows listed hosts: exact, *.domain, host:port, and * for any public host', () => {
		expect(triggerPolicy(['cdn.example.com'])('https://cdn.example.com/a.png')).toEqual({ ok: true });
		expect(triggerPolicy(['*.example.org'])('https://a.b.example.org/a.png')).toEqual({ ok: true });
		expect(triggerPolicy(['*.example.org'])('https://example.org/a.png')).toMatchObject({ ok: false });
		expect(triggerPolicy(['files.example.com:8443'])('https://files.example.com:8443/a')).toEqual({ ok: true });
		expect(triggerPolicy(['files.example.com:8443'])('https://files.example.com/a')).toMatchObject({ ok: false });
		expect(triggerPolicy(['*'])('https://anything.example.net/a')).toEqual({ ok: true });
	});

	it('refuses loopback, private and link-local addresses, even with *, unless listed by name', () => {
		for (const url of ['http://127.0.0.1:5678/rest/settings', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.5/x', 'http://localhost/x', 'http://[::1]/x', 'http://2130706433/x', 'http://redis:6379/']) {
			const verdict = triggerPolicy(['*'])(url);
			expect(verdict).toMatchObject({ ok: false, message: expect.stringMatching(/only fetched when listed by name/) });
		}
		expect(triggerPolicy()('http://169.254.169.254/latest/meta-data/')).toMatchObject({
			message: expect.stringMatching(/169\.254\.169\.254: it is a link-local address .*Add "169\.254\.169\.254"/),
		});
		expect(triggerPolicy(['127.0.0.1'])('http://127.0.0.1:8787/media/a.png')).toEqual({ ok: true });
		expect(triggerPolicy(['127.1'])('http://127.0.0.1/a.png')).toEqual({ ok: true });
		expect(triggerPolicy(['http://127.0.0.1:8787'])('http://127.0.0.1:8787/media/a.png')).toEqual({ ok: true });
		expect(triggerPolicy(['http://127.0.0.1:8787'])('http://127.0.0.1:9999/media/a.png')).toMatchObject({ ok: false });
	});

	it('refuses what is not http(s)', () => {
		expect(triggerPolicy(['*'])('file:///etc/passwd')).toMatchObject({ ok: false, message: expect.stringMatching(/Only http\(s\)/) });
		expect(triggerPolicy(['*'])('not a url')).toMatchObject({ ok: false });
	});
});

describe('the model nodes\' result policy', () => {
	const check = resultMediaChecker(['http://127.0.0.1:8787/queue', 'https://queue.fal.run']);

	it('allows any public host and the origins of the configured hosts', () => {
		expect(check('https://files.example.com/a.png')).toEqual({ ok: true });
		expect(check('http://127.0.0.1:8787/media/a.png')).toEqual({ ok: true });
	});

	it('refuses other private addresses', () => {
		expect(check('http://127.0.0.1:9000/a.png')).toMatchObject({ ok: false, message: expect.stringMatching(/Custom Hosts/) });
		expect(check('http://169.254.169.254/latest')).toMatchObject({ ok: false });
	});
});

it('parseHostList splits on commas, spaces and new lines', () => {
	expect(parseHostList('a.com, *.b.org\nc:1')).toEqual(['a.com', '*.b.org', 'c:1']);
	expect(parseHostList(undefined)).toEqual([]);
});
