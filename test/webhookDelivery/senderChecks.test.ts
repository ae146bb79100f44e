/**
 * Who may start a workflow through a fal webhook: the signed fal user id against "Allowed fal
 * User IDs", and the submission tag a Submit Only node adds to the Webhook URL.
 */
import {
	checkSubmissionTag,
	checkUserId,
	parseAllowedUserIds,
	SUBMISSION_TAG_MAX_AGE_SECONDS,
	SUBMISSION_TAG_PARAMETER,
	tagWebhookUrl,
} from '../../nodes/FalAi/shared/webhookDelivery';

describe('Allowed fal User IDs', () => {
	it('reads ids separated by commas, spaces or new lines, each once', () => {
		expect(parseAllowedUserIds(' a-1, b-2\nc-3  a-1 ')).toEqual(['a-1', 'b-2', 'c-3']);
		expect(parseAllowedUserIds('')).toEqual([]);
		expect(parseAllowedUserIds(undefined)).toEqual([]);
	});

	it('lets any account through when the list is empty', () => {
		expect(checkUserId('anyone', [])).toEqual({ allowed: true });
		expect(checkUserId(undefined, [])).toEqual({ allowed: true });
	});

	it('lets listed accounts through and refuses others, naming them', () => {
		expect(checkUserId('mine', ['mine'])).toEqual({ allowed: true });
		expect(checkUserId('theirs', ['mine'])).toEqual({ allowed: false, message: expect.stringContaining('"theirs"') });
	});

	it('refuses a call whose account is unknown once a list is set', () => {
		expect(checkUserId(undefined, ['mine'])).toMatchObject({ allowed: false });
	});
});

describe('submission tag', () => {
	const now = Date.UTC(2026, 11, 1, 9, 0, 0);
	const tagOf = (url: string) => new URL(url).searchParams.get(SUBMISSION_TAG_PARAMETER);

	it('is added to the URL, keeping its path and query', () => {
		const tagged = tagWebhookUrl('https://n8n.example.com/webhook/abc/webhook?x=1', 'key', now);
		const url = new URL(tagged);
		expect(url.origin + url.pathname).toBe('https://n8n.example.com/webhook/abc/webhook');
		expect(url.searchParams.get('x')).toBe('1');
		expect(checkSubmissionTag(tagOf(tagged), 'key', now)).toEqual({ ok: true });
	});

	it('differs at every submit (a nonce), and replaces an older tag', () => {
		const first = tagWebhookUrl('https://n8n.example.com/w', 'key', now);
		const second = tagWebhookUrl(first, 'key', now);
		expect(tagOf(first)).not.toBe(tagOf(second));
		expect(new URL(second).searchParams.getAll(SUBMISSION_TAG_PARAMETER)).toHaveLength(1);
	});

	it('never contains the key', () => {
		const key = 'secret-key-id:secret-key-secret';
		expect(tagWebhookUrl('https://n8n.example.com/w', key, now)).not.toContain('secret');
	});

	it('is refused when missing, malformed, made with another key, or tampered with', () => {
		const tag = tagOf(tagWebhookUrl('https://n8n.example.com/w', 'key', now))!;
		expect(checkSubmissionTag(undefined, 'key', now)).toMatchObject({ ok: false, message: expect.stringMatching(/no submission tag/) });
		expect(checkSubmissionTag('nonsense', 'key', now)).toMatchObject({ ok: false, message: expect.stringMatching(/malformed/) });
		expect(checkSubmissionTag(tag, 'other-key', now)).toMatchObject({ ok: false, message: expect.stringMatching(/not made with this credential/) });
		const [issued, nonce, mac] = tag.split('.');
		expect(checkSubmissionTag(`${Number(issued) + 1}.${nonce}.${mac}`, 'key', now)).toMatchObject({ ok: false });
	});

	it('is accepted for a day after the submit, then refused', () => {
		const tag = tagOf(tagWebhookUrl('https://n8n.example.com/w', 'key', now))!;
		expect(checkSubmissionTag(tag, 'key', now + (SUBMISSION_TAG_MAX_AGE_SECONDS - 1) * 1000)).toEqual({ ok: true });
		expect(checkSubmissionTag(tag, 'key', now + (SUBMISSION_TAG_MAX_AGE_SECONDS + 1) * 1000)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/old/),
		});
	});
});
