/**
 * A logged-in session on the REST API the n8n editor uses (`/rest/...`), for what the CLI cannot
 * do on a running instance: create the owner, activate workflows, list executions.
 */

export interface N8nSession {
	url: string;
	/** The `n8n-auth` cookie, sent back on every request. */
	cookie: string;
}

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** A throwaway owner for a throwaway instance (n8n requires 8+ chars, a digit, an upper case letter). */
export const E2E_OWNER: OwnerAccount = {
	email: 'owner@e2e.example.com',
	firstName: 'E2e',
	lastName: 'Owner',
	password: 'E2eOwnerPassw0rd',
};

// n8n binds its auth cookie to this header when present; a constant one keeps the session valid.
const browserId = 'n8n-nodes-falai-e2e';

/** Creates the instance owner (`POST /rest/owner/setup`) and returns the logged-in session. */
export async function setupOwner(url: string, owner: OwnerAccount = E2E_OWNER): Promise<N8nSession> {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify(owner),
	});
	await ensureOk(response, 'POST /rest/owner/setup');
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n did not set the n8n-auth cookie after owner setup');
	return { url, cookie };
}

/** Calls `/rest<path>` with the session's cookie and returns the unwrapped `data` field. */
export async function restRequest<T>(
	session: N8nSession,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await fetch(`${session.url}/rest${path}`, {
		method,
		headers: {
			cookie: session.cookie,
			'browser-id': browserId,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	await ensureOk(response, `${method} /rest${path}`);
	return ((await response.json()) as { data: T }).data;
}

export interface WorkflowSummary {
	id: string;
	name: string;
	active: boolean;
	versionId: string;
	activeVersionId?: string | null;
}

/**
 * Activates (publishes) workflow `id` at its current version, so its triggers and production
 * webhooks start listening.
 */
export async function activateWorkflow(session: N8nSession, id: string): Promise<WorkflowSummary> {
	const workflow = await restRequest<WorkflowSummary>(session, 'GET', `/workflows/${id}`);
	return restRequest<WorkflowSummary>(session, 'POST', `/workflows/${id}/activate`, {
		versionId: workflow.versionId,
	});
}

/** Creates a workflow on the running instance (`POST /rest/workflows`) and returns it. */
export async function createWorkflow(
	session: N8nSession,
	workflow: Record<string, unknown>,
): Promise<WorkflowSummary> {
	return restRequest<WorkflowSummary>(session, 'POST', '/workflows', workflow);
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	/** Not in n8n 2.8's execution list: use `status` / `stoppedAt`. */
	finished?: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
}

/** The most recent executions (newest first), optionally of one workflow only. */
export async function listExecutions(
	session: N8nSession,
	filter: { workflowId?: string; limit?: number } = {},
): Promise<ExecutionSummary[]> {
	const query = new URLSearchParams({ limit: String(filter.limit ?? 20) });
	if (filter.workflowId) query.set('filter', JSON.stringify({ workflowId: filter.workflowId }));
	const page = await restRequest<{ results: ExecutionSummary[] }>(
		session,
		'GET',
		`/executions?${query.toString()}`,
	);
	return page.results;
}

async function ensureOk(response: Response, label: string): Promise<void> {
	if (response.ok) return;
	const text = await response.text().catch(() => '');
	throw new Error(`${label} answered ${response.status}: ${text.slice(0, 1000)}`);
}
