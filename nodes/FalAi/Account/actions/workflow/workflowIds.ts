/**
 * A fal Workflow's ids: `owner/name` (the workflows API) and `workflows/owner/name` (the
 * endpoint ID that runs it). fal lists workflows by `name` and `user_nickname`; a full `id`
 * or `workflow_id` with a slash is taken as is (UNCONFIRMED which one fal sends).
 */
export function workflowIds(workflow: Record<string, unknown>): { workflow_id?: string; endpoint_id?: string } {
	const full = [workflow.workflow_id, workflow.id].find((value): value is string => typeof value === 'string' && value.includes('/'));
	const owner = [workflow.user_nickname, workflow.owner].find((value): value is string => typeof value === 'string' && value !== '');
	const id = full?.replace(/^workflows\//, '') ?? (owner && typeof workflow.name === 'string' ? `${owner}/${workflow.name}` : undefined);
	return id ? { workflow_id: id, endpoint_id: `workflows/${id}` } : {};
}
