/**
 * Which hosts media may be downloaded from, checked for the first URL and again for every
 * redirect hop.
 *
 * A webhook payload is chosen by whoever submitted the request (a fal app can return any JSON),
 * so a Trigger that downloads "the media in the result" must not fetch whatever URL it names:
 * cloud metadata at 169.254.169.254, services on the n8n host's network. By default only fal's
 * media hosts and the credential's own hosts are allowed; other hosts need an explicit entry, and
 * loopback, private and link-local addresses need an entry naming them (a `*` is not enough).
 *
 * What can be checked here is the URL's host: literal IPv4/IPv6 addresses (in every spelling the
 * URL parser normalises, e.g. `http://2130706433/` is `127.0.0.1`), `localhost`, and names that
 * only resolve on a local network (single labels, `.local`, `.internal`, ...). A public-looking
 * name is resolved later by the HTTP stack, so a name that resolves to a private address (or a
 * DNS answer that changes between checks) is beyond this check; n8n's own request policy is what
 * can stop that.
 */

/** fal's media hosts: its CDN (`fal.media`, `v3.fal.media`, `v3b.fal.media`...), `*.fal.ai`, and the bucket fal's docs serve samples from. */
export const FAL_MEDIA_HOSTS: readonly string[] = Object.freeze([
	'fal.media',
	'*.fal.media',
	'*.fal.ai',
	'storage.googleapis.com/falserverless/',
]);

/** What a host is, as far as its URL tells. */
export type HostClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved' | 'local-name';

export type MediaUrlVerdict = { ok: true } | { ok: false; message: string; host?: string };

export interface MediaHostPolicy {
	/** Allow-list entries: `host`, `*.domain`, `host:port`, `host/path-prefix`, a full `http(s)://origin[/prefix]`, or `*` (any public host). */
	allowed: readonly string[];
	/** Appended to a refusal: how the user can allow the host. */
	howToAllow: string;
}

interface Pattern {
	/** Lower-case host name, `*.suffix`, or `*` for any. */
	host: string;
	port?: string;
	protocol?: string;
	pathPrefix?: string;
}

/** Classifies the host of a parsed URL (`url.hostname`, as WHATWG URL normalises it). */
export function classifyHost(hostname: string): HostClass {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host.startsWith('[') && host.endsWith(']')) return classifyIpv6(host.slice(1, -1));
	const ipv4 = parseIpv4(host);
	if (ipv4) return classifyIpv4(ipv4);
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	if (!host.includes('.')) return 'local-name';
	if (/\.(local|internal|intranet|lan|home\.arpa|localdomain)$/.test(host)) return 'local-name';
	return 'public';
}

/** Returns a checker for one URL (call it for the first URL and every redirect target). */
export function mediaUrlChecker(policy: MediaHostPolicy): (url: string) => MediaUrlVerdict {
	const patterns = policy.allowed.map(parsePattern).filter((pattern): pattern is Pattern => pattern !== undefined);
	return (url) => checkMediaUrl(url, patterns, policy.howToAllow);
}

/** The user's "Allowed Media Hosts" text as entries (comma, space or newline separated). */
export function parseHostList(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value.split(/[\s,]+/).map((entry) => entry.trim()).filter(Boolean);
}

function checkMediaUrl(url: string, patterns: readonly Pattern[], howToAllow: string): MediaUrlVerdict {
	if (!URL.canParse(url)) return { ok: false, message: 'The media URL is not a valid URL' };
	const target = new URL(url);
	if (target.protocol !== 'http:' && target.protocol !== 'https:') {
		return { ok: false, message: `Only http(s) media URLs can be downloaded, not ${target.protocol}` };
	}
	const host = target.hostname.toLowerCase();
	const kind = classifyHost(host);
	const explicit = patterns.some((pattern) => pattern.host !== '*' && matches(pattern, target));
	if (kind !== 'public') {
		if (explicit) return { ok: true };
		return {
			ok: false,
			host,
			message: `Refused to download media from ${host}: it is a ${describe(kind)}, which is only fetched when listed by name. ${howToAllow.replace('{host}', host)}`,
		};
	}
	if (explicit || patterns.some((pattern) => pattern.host === '*')) return { ok: true };
	return {
		ok: false,
		host,
		message: `Refused to download media from ${host}: it is not one of fal's media hosts nor an allowed host. ${howToAllow.replace('{host}', host)}`,
	};
}

function describe(kind: HostClass): string {
	const names: Record<HostClass, string> = {
		public: 'public host',
		loopback: 'loopback address',
		private: 'private network address',
		'link-local': 'link-local address (such as a cloud metadata service)',
		unspecified: 'unspecified address',
		reserved: 'reserved address',
		'local-name': 'local network name',
	};
	return names[kind];
}

function parsePattern(entry: string): Pattern | undefined {
	const text = entry.trim().toLowerCase();
	if (!text) return undefined;
	if (text === '*') return { host: '*' };
	if (/^https?:\/\//.test(text)) {
		if (!URL.canParse(text)) return undefined;
		const url = new URL(text);
		const prefix = url.pathname.replace(/\/+$/, '');
		return { host: url.hostname, port: url.port || defaultPort(url.protocol), protocol: url.protocol, pathPrefix: prefix || undefined };
	}
	const slash = text.indexOf('/');
	const authority = slash === -1 ? text : text.slice(0, slash);
	const pathPrefix = slash === -1 ? undefined : text.slice(slash).replace(/\/+$/, '') || undefined;
	const port = /^(.*):(\d{1,5})$/.exec(authority);
	const host = port && !authority.endsWith(']') ? port[1] : authority;
	return { host: normaliseHost(host), port: port && !authority.endsWith(']') ? port[2] : undefined, pathPrefix };
}

/** `127.1` or `[0:0::1]` as the URL parser would write them, so entries compare with URLs. */
function normaliseHost(host: string): string {
	if (host.startsWith('*.')) return host;
	return URL.canParse(`http://${host}/`) ? new URL(`http://${host}/`).hostname : host;
}

function matches(pattern: Pattern, target: URL): boolean {
	const host = target.hostname.toLowerCase();
	const hostMatches = pattern.host.startsWith('*.') ? host.endsWith(pattern.host.slice(1)) : host === pattern.host;
	if (!hostMatches) return false;
	if (pattern.protocol && pattern.protocol !== target.protocol) return false;
	if (pattern.port && pattern.port !== (target.port || defaultPort(target.protocol))) return false;
	if (pattern.pathPrefix) {
		const path = target.pathname;
		return path === pattern.pathPrefix || path.startsWith(`${pattern.pathPrefix}/`);
	}
	return true;
}

function defaultPort(protocol: string): string {
	return protocol === 'https:' ? '443' : '80';
}

function parseIpv4(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const octets = parts.map(Number);
	return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function classifyIpv4([a, b, c]: number[]): HostClass {
	if (a === 0) return 'unspecified';
	if (a === 127) return 'loopback';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
	if (a === 100 && b >= 64 && b <= 127) return 'private';
	if (a === 169 && b === 254) return 'link-local';
	if ((a === 192 && b === 0 && c === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224) return 'reserved';
	return 'public';
}

function classifyIpv6(address: string): HostClass {
	const groups = expandIpv6(address);
	if (!groups) return 'reserved';
	if (groups.every((group) => group === 0)) return 'unspecified';
	if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) return 'loopback';
	// IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms reach the embedded IPv4 address.
	if (groups.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
		return classifyIpv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
	}
	// NAT64 (64:ff9b::/96) embeds an IPv4 address too.
	if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
		return classifyIpv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
	}
	if ((groups[0] & 0xfe00) === 0xfc00 || (groups[0] & 0xffc0) === 0xfec0) return 'private';
	if ((groups[0] & 0xffc0) === 0xfe80) return 'link-local';
	if ((groups[0] & 0xff00) === 0xff00) return 'reserved';
	return 'public';
}

/** Eight 16-bit groups of an IPv6 address as the URL parser writes it (hex, `::` compressed). */
function expandIpv6(address: string): number[] | undefined {
	const [head, tail, extra] = address.split('::');
	if (extra !== undefined) return undefined;
	const parse = (part: string | undefined): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
	const start = parse(head);
	const end = parse(tail);
	const missing = 8 - start.length - end.length;
	if (tail === undefined ? start.length !== 8 : missing < 0) return undefined;
	const groups = [...start, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...end];
	return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

/**
 * The policy of a model node's own result downloads (and of "Wait for Webhook", whose request id
 * is checked): any public host, and the origins of the configured fal hosts (a gateway or the
 * fake fal may sit on a private address); other private addresses are refused, at every hop.
 */
export function resultMediaChecker(hostUrls: readonly string[]): (url: string) => MediaUrlVerdict {
	return mediaUrlChecker({
		allowed: ['*', ...originsOf(hostUrls)],
		howToAllow: "Result files are fetched from private addresses only at the origins of the credential's Custom Hosts.",
	});
}

/** `https://host:port` of each URL (paths dropped: a host's media need not sit under its API path). */
export function originsOf(urls: readonly string[]): string[] {
	return urls.filter((url) => URL.canParse(url)).map((url) => new URL(url).origin);
}
