/**
 * Webhooks as fal sends them: when a job submitted with `?fal_webhook=` ends, POST its payload,
 * signed with Ed25519 over `request_id\nuser_id\ntimestamp\nhex(sha256(body))` (hex signature),
 * retrying non-2xx answers with growing delays. The public keys are served as a JWKS.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { request } from 'node:http';

import { fakeJson } from './http-util';
import type { Job } from './queue';
import type { Settings } from './settings';
import type { Timers } from './timers';
import type { SignWebhookMeta, WebhookDelivery } from './types';

/** Only loopback receivers get deliveries: the fake never sends traffic elsewhere. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

interface SigningKey {
	kid: string;
	privateKey: KeyObject;
	publicJwk: Record<string, string>;
}

function newKey(kid: string): SigningKey {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const { kty, crv, x } = publicKey.export({ format: 'jwk' }) as Record<string, string>;
	return { kid, privateKey, publicJwk: { kty, crv, x, kid, use: 'sig', alg: 'EdDSA' } };
}

/**
 * The headers fal sends with a webhook body, signed with `privateKey`. Exported so tests can
 * sign with a key of their own (a forged delivery).
 */
export function signWebhook(privateKey: KeyObject, body: string | Buffer, meta: Required<SignWebhookMeta>): Record<string, string> {
	const timestamp = String(meta.timestamp);
	const bodyHash = createHash('sha256').update(body).digest('hex');
	const message = Buffer.from(`${meta.requestId}\n${meta.userId}\n${timestamp}\n${bodyHash}`, 'utf8');
	return {
		'x-fal-webhook-request-id': meta.requestId,
		'x-fal-webhook-user-id': meta.userId,
		'x-fal-webhook-timestamp': timestamp,
		'x-fal-webhook-signature': sign(null, message, privateKey).toString('hex'),
	};
}

/** fal's webhook payload for a finished job (fal-protocol.md section 5). */
export function webhookPayload(job: Job): Record<string, unknown> {
	const base = { request_id: job.requestId, gateway_request_id: job.requestId };
	const result = job.result;
	if (!result || result.status >= 300) {
		return { ...base, status: 'ERROR', error: `Invalid status code: ${result?.status ?? 500}`, payload: result?.body ?? null };
	}
	if (job.payloadError) return { ...base, status: 'OK', payload: null, payload_error: job.payloadError };
	return { ...base, status: 'OK', payload: result.body };
}

export class Webhooks {
	readonly deliveries: WebhookDelivery[] = [];
	private readonly signingKey: SigningKey;
	private readonly decoyKeys: SigningKey[];
	private readonly inFlight = new Set<AbortController>();
	/** Cancels the retries waiting for their delay: reset() must not let old jobs deliver. */
	private readonly pendingRetries = new Set<() => void>();

	constructor(
		private readonly settings: Settings,
		private readonly timers: Timers,
	) {
		this.signingKey = newKey('fake-fal-webhook-key');
		this.decoyKeys = Array.from({ length: settings.extraJwksKeys }, (_, index) => newKey(`fake-fal-retired-key-${index + 1}`));
	}

	get jwks(): { keys: Array<Record<string, string>> } {
		return { keys: [...this.decoyKeys, this.signingKey].map((key) => ({ ...key.publicJwk })) };
	}

	sign(body: string | Buffer, meta: SignWebhookMeta): Record<string, string> {
		return signWebhook(this.signingKey.privateKey, body, {
			requestId: meta.requestId,
			userId: meta.userId ?? this.settings.userId,
			timestamp: meta.timestamp ?? Math.floor(Date.now() / 1000),
		});
	}

	/** Sends the job's webhook, if it asked for one. */
	deliver(job: Job): void {
		if (!job.webhookUrl) return;
		const url = job.webhookUrl;
		const body = fakeJson(webhookPayload(job));
		const events = job.directives.webhookEvents ?? [];
		if (events.length === 0) return void this.attempt(job, url, body, 1);
		// Event kinds other than the outcome go first, one after the other, each signed like the outcome.
		void (async () => {
			for (const status of events) {
				const event = JSON.stringify({ request_id: job.requestId, gateway_request_id: job.requestId, status, payload: null });
				await this.attempt(job, url, event, 1);
			}
			await this.attempt(job, url, body, 1);
		})();
	}

	clear(): void {
		this.deliveries.length = 0;
		for (const controller of this.inFlight) controller.abort();
		this.inFlight.clear();
		for (const cancelRetry of this.pendingRetries) cancelRetry();
		this.pendingRetries.clear();
	}

	private async attempt(job: Job, url: string, body: string, attempt: number): Promise<void> {
		const headers = { 'content-type': 'application/json', 'user-agent': 'fal-webhook/fake', ...this.sign(body, { requestId: job.requestId }) };
		const delivery: WebhookDelivery = { requestId: job.requestId, url, attempt, status: 0, headers, body, at: Date.now() };
		const controller = new AbortController();
		this.inFlight.add(controller);
		try {
			const target = new URL(url);
			if (!LOOPBACK_HOSTS.includes(target.hostname)) throw new Error('refused: the fake only delivers webhooks to loopback addresses');
			delivery.status = await post(target, headers, body, controller.signal);
		} catch (error) {
			delivery.error = (error as Error).message;
		} finally {
			this.inFlight.delete(controller);
		}
		if (controller.signal.aborted) return;
		this.deliveries.push(delivery);
		job.deliveries.push(delivery);
		const failed = delivery.status < 200 || delivery.status >= 300;
		if (failed && attempt <= this.settings.webhookRetries && !delivery.error?.startsWith('refused')) {
			const delay = this.settings.webhookRetryDelayMs * 2 ** (attempt - 1);
			const cancelRetry = this.timers.after(delay, () => {
				this.pendingRetries.delete(cancelRetry);
				void this.attempt(job, url, body, attempt + 1);
			});
			this.pendingRetries.add(cancelRetry);
		}
	}
}

/** One POST without connection pooling (nothing left open after close); resolves the status. */
function post(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
	return new Promise((resolve, reject) => {
		const outgoing = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false, signal, timeout: 10_000 }, (response) => {
			response.resume();
			response.on('end', () => resolve(response.statusCode ?? 0));
			response.on('error', reject);
		});
		outgoing.on('timeout', () => outgoing.destroy(new Error('webhook receiver timed out')));
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}
