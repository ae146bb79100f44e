import { verifyFalWebhook } from '../../nodes/FalAi/client/webhooks';
import { makeKey, okBody, signedDelivery } from './keys';

describe('verifyFalWebhook', () => {
	const fal = makeKey('fal-key');
	const now = Date.UTC(2025, 0, 1, 12, 0, 0);
	const nowSeconds = now / 1000;

	it('accepts a delivery signed by fal and returns the signed ids', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds, requestId: 'r-1', userId: 'u-1' });
		expect(verifyFalWebhook({ ...delivery, now, keys: [fal.publicKey] })).toEqual({
			ok: true,
			requestId: 'r-1',
			userId: 'u-1',
			timestamp: nowSeconds,
		});
	});

	it('reads headers whatever their case', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		const shouted = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.toUpperCase(), value]));
		expect(verifyFalWebhook({ rawBody: delivery.rawBody, headers: shouted, now, keys: [fal.publicKey] }).ok).toBe(true);
	});

	it('rejects a body changed after signing, even by one byte of whitespace', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(delivery.rawBody.toString()), null, 1));
		const verdict = verifyFalWebhook({ rawBody: reserialised, headers: delivery.headers, now, keys: [fal.publicKey] });
		expect(verdict).toMatchObject({ ok: false, reason: 'signature_mismatch' });
	});

	it('rejects changed signed headers (request id, user id)', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		for (const header of ['x-fal-webhook-request-id', 'x-fal-webhook-user-id']) {
			const headers = { ...delivery.headers, [header]: 'someone-else' };
			expect(verifyFalWebhook({ rawBody: delivery.rawBody, headers, now, keys: [fal.publicKey] })).toMatchObject({
				ok: false,
				reason: 'signature_mismatch',
			});
		}
	});

	it('rejects a signature made with a key fal does not publish', () => {
		const forger = makeKey();
		const delivery = signedDelivery(forger, okBody, { timestamp: nowSeconds });
		expect(verifyFalWebhook({ ...delivery, now, keys: [fal.publicKey] })).toMatchObject({
			ok: false,
			reason: 'signature_mismatch',
		});
	});

	it('accepts a signature made by any one of several published keys', () => {
		const retired = makeKey('retired');
		const next = makeKey('next');
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		expect(verifyFalWebhook({ ...delivery, now, keys: [retired.publicKey, next.publicKey, fal.publicKey] }).ok).toBe(true);
	});

	it('accepts timestamps up to the tolerance away, in both directions', () => {
		for (const offset of [-300, 300]) {
			const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds + offset });
			expect(verifyFalWebhook({ ...delivery, now, keys: [fal.publicKey] }).ok).toBe(true);
		}
	});

	it('rejects a stale (replayed) or future timestamp beyond the tolerance', () => {
		for (const offset of [-301, 301, -86400]) {
			const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds + offset });
			expect(verifyFalWebhook({ ...delivery, now, keys: [fal.publicKey] })).toMatchObject({
				ok: false,
				reason: 'timestamp_out_of_range',
			});
		}
	});

	it('honours a custom tolerance', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds - 30 });
		expect(verifyFalWebhook({ ...delivery, now, toleranceSeconds: 10, keys: [fal.publicKey] })).toMatchObject({
			reason: 'timestamp_out_of_range',
		});
	});

	it('rejects a timestamp that is not whole seconds', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		for (const timestamp of ['1735732800.5', 'soon', '-1735732800', '0x67752100']) {
			const headers = { ...delivery.headers, 'x-fal-webhook-timestamp': timestamp };
			expect(verifyFalWebhook({ rawBody: delivery.rawBody, headers, now, keys: [fal.publicKey] })).toMatchObject({
				ok: false,
				reason: 'invalid_timestamp',
			});
		}
	});

	it('rejects a request missing any signature header, naming it', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		for (const header of Object.keys(delivery.headers)) {
			const headers: Record<string, string> = { ...delivery.headers };
			delete headers[header];
			const verdict = verifyFalWebhook({ rawBody: delivery.rawBody, headers, now, keys: [fal.publicKey] });
			expect(verdict).toMatchObject({ ok: false, reason: 'missing_header' });
			expect(!verdict.ok && verdict.message.toLowerCase()).toContain(header);
		}
		expect(verifyFalWebhook({ rawBody: delivery.rawBody, headers: {}, now, keys: [fal.publicKey] })).toMatchObject({
			reason: 'missing_header',
		});
	});

	it('rejects a signature that is not 64 bytes of hex', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		const signature = delivery.headers['x-fal-webhook-signature'];
		for (const malformed of [signature.slice(2), `${signature}00`, `zz${signature.slice(2)}`, Buffer.from(signature, 'hex').toString('base64')]) {
			const headers = { ...delivery.headers, 'x-fal-webhook-signature': malformed };
			expect(verifyFalWebhook({ rawBody: delivery.rawBody, headers, now, keys: [fal.publicKey] })).toMatchObject({
				ok: false,
				reason: 'malformed_signature',
			});
		}
	});

	it('accepts the signature in upper-case hex', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		const headers = { ...delivery.headers, 'x-fal-webhook-signature': delivery.headers['x-fal-webhook-signature'].toUpperCase() };
		expect(verifyFalWebhook({ rawBody: delivery.rawBody, headers, now, keys: [fal.publicKey] }).ok).toBe(true);
	});

	it('rejects everything when there is no key', () => {
		const delivery = signedDelivery(fal, okBody, { timestamp: nowSeconds });
		expect(verifyFalWebhook({ ...delivery, now, keys: [] })).toMatchObject({ ok: false, reason: 'no_keys' });
	});

	it('verifies non-ASCII ids and bodies as UTF-8', () => {
		const body = { ...okBody, payload: { text: 'café — 東京' } };
		const delivery = signedDelivery(fal, body, { timestamp: nowSeconds, userId: 'üser' });
		expect(verifyFalWebhook({ ...delivery, now, keys: [fal.publicKey] }).ok).toBe(true);
	});
});
