/**
 * fal's key check: `Authorization: Key <key>` (a key may be `KEY_ID:KEY_SECRET`, same header).
 */
import type { IncomingMessage } from 'node:http';

import { detail, type Reply } from './http-util';
import type { AuthRule } from './routes';

export const UNAUTHORIZED_DETAIL = 'No user found for Key ID and Secret';

/** The 401 to answer, or undefined when the request may go on. */
export function checkAuth(rule: AuthRule, req: IncomingMessage, key: string): Reply | undefined {
	if (rule === 'none') return undefined;
	const header = req.headers.authorization;
	if (header === undefined && rule === 'optional') return undefined;
	const match = /^key\s+(.+)$/i.exec(header ?? '');
	if (match && match[1].trim() === key) return undefined;
	return detail(401, UNAUTHORIZED_DETAIL);
}
