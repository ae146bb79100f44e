import { REDACTED, Redactor, TOO_DEEP } from '../../nodes/FalAi/client/redact';

const key = 'key-id-1234:very-secret-5678';

describe('Redactor', () => {
	const redactor = new Redactor(key);

	it('removes the whole key and each of its parts from text', () => {
		expect(redactor.text(`auth Key ${key} then key-id-1234 and very-secret-5678`)).toBe(
			`auth Key ${REDACTED} then ${REDACTED} and ${REDACTED}`,
		);
	});

	it('does not scrub short generic parts', () => {
		expect(new Redactor('ab:very-secret-5678').text('ab cd')).toBe('ab cd');
	});

	it('reduces URLs to origin and path', () => {
		expect(redactor.url('https://queue.fal.run/a/b?fal_webhook=https%3A%2F%2Fx%3Ftoken%3Dt#f')).toBe('https://queue.fal.run/a/b');
	});

	it('scrubs nested strings of a body', () => {
		expect(redactor.deep({ detail: [{ msg: `bad ${key}` }], n: 1 })).toEqual({ detail: [{ msg: `bad ${REDACTED}` }], n: 1 });
	});

	it('replaces what is nested too deep to walk, instead of passing it through unredacted', () => {
		let body: unknown = { secret: `Key ${key}` };
		for (let level = 0; level < 30; level++) body = level % 2 ? { nested: body } : [body];
		const redacted = JSON.stringify(redactor.deep(body));
		expect(redacted).not.toContain(key);
		expect(redacted).not.toContain('very-secret-5678');
		expect(redacted).toContain(TOO_DEEP);
	});

	it('keeps bodies of ordinary depth whole', () => {
		let body: unknown = { leaf: 'kept' };
		for (let level = 0; level < 10; level++) body = { nested: body };
		expect(redactor.deep(body)).toEqual(body);
	});
});
