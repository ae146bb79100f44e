/**
 * Where fal lives, and which URLs may receive the API key.
 */
import type { FalHosts } from './types';

/** fal's public hosts; every one can be overridden (proxies, gateways, the fake server). */
export const DEFAULT_HOSTS: Readonly<FalHosts> = Object.freeze({
	queueUrl: 'https://queue.fal.run',
	runUrl: 'https://fal.run',
	restUrl: 'https://rest.fal.ai',
	platformUrl: 'https://api.fal.ai/v1',
});

/**
 * Fills in defaults and strips trailing slashes, so every URL can be built as `${base}/${path}`
 * without doubled or missing separators.
 */
export function resolveHosts(overrides: Partial<FalHosts> = {}): FalHosts {
	const pick = (name: keyof FalHosts): string => {
		const value = overrides[name]?.trim();
		const base = value ? value : DEFAULT_HOSTS[name];
		assertHttpUrl(name, base);
		return base.replace(/\/+$/, '');
	};
	return {
		queueUrl: pick('queueUrl'),
		runUrl: pick('runUrl'),
		restUrl: pick('restUrl'),
		platformUrl: pick('platformUrl'),
	};
}

/**
 * True when `url` lies under one of the configured base URLs (same origin and path prefix).
 *
 * The key is only ever attached to such URLs: media files, pre-signed upload URLs and any URL
 * that came from user input or a server answer may point anywhere, and must not see it.
 */
export function isUnderConfiguredHost(url: string, hosts: FalHosts): boolean {
	if (!URL.canParse(url)) return false;
	const target = new URL(url);
	return Object.values(hosts).some((base: string) => isUnderBase(target, base));
}

/** True when `target` has the origin of `base` and its path starts at a segment boundary of it. */
export function isUnderBase(target: URL, base: string): boolean {
	const root = new URL(base);
	if (target.origin !== root.origin) return false;
	const prefix = root.pathname.replace(/\/+$/, '');
	return target.pathname === prefix || target.pathname.startsWith(`${prefix}/`);
}

function assertHttpUrl(name: string, value: string): void {
	if (!URL.canParse(value)) {
		throw new TypeError(`fal client: hosts.${name} is not a valid URL: ${JSON.stringify(value)}`);
	}
	const parsed = new URL(value);
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new TypeError(`fal client: hosts.${name} must be an http(s) URL, got ${parsed.protocol}`);
	}
	if (parsed.search || parsed.hash) {
		throw new TypeError(`fal client: hosts.${name} must not contain a query or fragment`);
	}
}
