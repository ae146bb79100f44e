import { REDACTED, Redactor } from '../../nodes/FalAi/client/redact';

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
});
