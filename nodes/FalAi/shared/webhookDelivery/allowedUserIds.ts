/**
 * "Allowed fal User IDs": which fal accounts may start a workflow through a webhook.
 *
 * fal's signature proves that fal sent a delivery, not whose request it was: anyone with a fal
 * account can submit a job with `fal_webhook=<this URL>` and fal signs that delivery genuinely.
 * The account is in the `X-Fal-Webhook-User-Id` header, which is part of the signed message, so
 * after the signature verified it can be trusted and compared with a list the user gives.
 */

/** The ids in a comma, space or newline separated list; empty when none are given. */
export function parseAllowedUserIds(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return [...new Set(value.split(/[\s,]+/).map((id) => id.trim()).filter(Boolean))];
}

export type SenderVerdict = { allowed: true } | { allowed: false; message: string };

/**
 * Whether a delivery from `userId` may start the workflow. With no list every account may;
 * with a list, a call whose user id is unknown (an accepted unsigned call) may not.
 */
export function checkUserId(userId: string | undefined, allowed: readonly string[]): SenderVerdict {
	if (allowed.length === 0) return { allowed: true };
	if (userId === undefined) {
		return { allowed: false, message: 'The call is not signed by fal, so its fal user id cannot be checked against "Allowed fal User IDs"' };
	}
	if (allowed.includes(userId)) return { allowed: true };
	return {
		allowed: false,
		message: `The request belongs to fal user ${JSON.stringify(userId)}, which is not in "Allowed fal User IDs"`,
	};
}
