/**
 * The n8n owner account the demo creates, printed on screen so the person running the demo can
 * log in. The instance only listens on localhost and is rebuilt on every start, so a fixed,
 * public password is fine here (n8n wants 8+ characters with a digit and an upper-case letter).
 */
import type { OwnerAccount } from '../lib/n8nRest';

export const DEMO_OWNER: OwnerAccount = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'FalDemo2026!',
};
