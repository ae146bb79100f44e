/**
 * Test keys and deliveries signed exactly as fal signs them (fal-protocol.md §5), built here
 * from node:crypto so the verifier is checked against an independent signer.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

import { importFalJwk, type FalJwk, type FalPublicKey } from '../../nodes/FalAi/client/webhooks';

export interface TestKey {
	privateKey: KeyObject;
	jwk: FalJwk;
	publicKey: FalPublicKey;
}

export function makeKey(kid?: string): TestKey {
	const pair = generateKeyPairSync('ed25519');
	const { x } = pair.publicKey.export({ format: 'jwk' }) as { x: string };
	const jwk: FalJwk = { kty: 'OKP', crv: 'Ed25519', x, ...(kid ? { kid } : {}) };
	return { privateKey: pair.privateKey, jwk, publicKey: importFalJwk(jwk) };
}

export interface Delivery {
	rawBody: Buffer;
	headers: Record<string, string>;
}

export interface SignOptions {
	requestId?: string;
	userId?: string;
	/** Unix seconds. */
	timestamp?: number;
}

/** A delivery of `body` signed with `key`, headers as fal sends them. */
export function signedDelivery(key: TestKey, body: unknown, options: SignOptions = {}): Delivery {
	const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
	const requestId = options.requestId ?? 'req-123';
	const userId = options.userId ?? 'user-42';
	const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
	const hash = createHash('sha256').update(rawBody).digest('hex');
	const signature = sign(null, Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${hash}`, 'utf8'), key.privateKey);
	return {
		rawBody,
		headers: {
			'x-fal-webhook-request-id': requestId,
			'x-fal-webhook-user-id': userId,
			'x-fal-webhook-timestamp': timestamp,
			'x-fal-webhook-signature': signature.toString('hex'),
		},
	};
}

export const okBody = {
	request_id: 'req-123',
	gateway_request_id: 'req-123',
	status: 'OK',
	payload: { images: [{ url: 'https://v3.fal.media/files/a/b.png', content_type: 'image/png' }] },
};
