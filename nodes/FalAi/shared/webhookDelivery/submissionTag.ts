/**
 * A tag that marks a webhook URL as handed to fal by this package's own nodes, so a Fal.ai
 * Trigger can accept only requests submitted through n8n with the same fal credential.
 *
 * Why a tag in the URL rather than a list of submitted request ids in workflow static data:
 * n8n saves a workflow's static data as one object at the end of each production execution
 * (never for manual ones), so two executions that overlap overwrite each other's additions, the
 * submitting node and the trigger usually live in different workflows (whose static data neither
 * can read), and a worker in queue mode sees the database copy only. A tag needs no shared state:
 * the submitting node appends `?fal_n8n_tag=<issued>.<nonce>.<mac>` to the Webhook URL it gives
 * fal (fal calls the URL exactly as given), where the MAC is an HMAC-SHA256 keyed with the fal API
 * key of the credential. The trigger, given the same credential, recomputes it. A stranger who
 * learns the trigger's bare URL cannot make a valid tag, and a tag is accepted only for
 * {@link SUBMISSION_TAG_MAX_AGE_SECONDS} after it was issued.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The query parameter carrying the tag. */
export const SUBMISSION_TAG_PARAMETER = 'fal_n8n_tag';

/**
 * How long after the submit a tag is accepted: long jobs (minutes to hours of queueing and
 * running) plus fal's two hours of redelivery fit well inside a day.
 */
export const SUBMISSION_TAG_MAX_AGE_SECONDS = 24 * 60 * 60;

const CONTEXT = 'n8n-nodes-falai webhook submission tag v1';
const TAG_SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{22})$/;

function mac(secret: string, issued: string, nonce: string): Buffer {
	return createHmac('sha256', secret).update(`${CONTEXT}\n${issued}\n${nonce}`).digest().subarray(0, 16);
}

/** `url` with a fresh tag for `secret` (the credential's API key), replacing any tag already there. */
export function tagWebhookUrl(url: string, secret: string, nowMs: number = Date.now()): string {
	const parsed = new URL(url);
	const issued = String(Math.floor(nowMs / 1000));
	const nonce = randomBytes(9).toString('base64url');
	parsed.searchParams.set(SUBMISSION_TAG_PARAMETER, `${issued}.${nonce}.${mac(secret, issued, nonce).toString('base64url')}`);
	return parsed.toString();
}

export type SubmissionTagVerdict = { ok: true } | { ok: false; message: string };

/** Checks the tag a delivery arrived with (the query parameter's value, if any). */
export function checkSubmissionTag(
	tag: unknown,
	secret: string,
	nowMs: number = Date.now(),
	maxAgeSeconds: number = SUBMISSION_TAG_MAX_AGE_SECONDS,
): SubmissionTagVerdict {
	if (typeof tag !== 'string' || tag === '') {
		return { ok: false, message: 'The call carries no submission tag: the request was not submitted by a Fal.ai node of this n8n' };
	}
	const parts = TAG_SHAPE.exec(tag);
	if (!parts) return { ok: false, message: 'The submission tag is malformed' };
	const [, issued, nonce, given] = parts;
	const expected = mac(secret, issued, nonce);
	const received = Buffer.from(given, 'base64url');
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
		return { ok: false, message: 'The submission tag was not made with this credential: the request was not submitted by this n8n' };
	}
	const age = Math.floor(nowMs / 1000) - Number(issued);
	if (age > maxAgeSeconds || age < -300) {
		return { ok: false, message: `The submission tag is ${age} s old (at most ${maxAgeSeconds} s accepted)` };
	}
	return { ok: true };
}
