/**
 * Reason phrases of the HTTP statuses fal and its CDN answer with, for error messages.
 * (node:http has the full table, but the package may import nothing from node's HTTP stack.)
 */
const REASONS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	402: 'Payment Required',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	409: 'Conflict',
	410: 'Gone',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** `Not Found` for 404; undefined for statuses without a well-known phrase. */
export function statusText(status: number): string | undefined {
	return REASONS[status];
}
