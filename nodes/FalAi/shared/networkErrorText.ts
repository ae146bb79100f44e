/**
 * The words a user sees for a network failure.
 *
 * n8n rewrites the message of any node error that contains a system error code (`ECONNREFUSED`
 * becomes "The service refused the connection - perhaps it is offline"), which would erase what
 * matters most here: which call failed and whether fal may have received it (a submit that may
 * have reached fal is deliberately not resent). So the message says it in words, and the raw
 * code goes into the description, which n8n leaves as it is.
 */
import type { FalNetworkError } from '../client/errors';

const PHRASES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed unexpectedly',
	EPIPE: 'the connection was closed while sending',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the connection was aborted',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	UND_ERR_SOCKET: 'the connection was closed unexpectedly',
	UND_ERR_CONNECT_TIMEOUT: 'the connection could not be opened in time',
};

export function networkErrorMessage(error: FalNetworkError): string {
	const phrase = error.code ? PHRASES[error.code] : undefined;
	if (!phrase) return `Could not reach fal: ${error.message}`;
	const notResent = error.mayHaveReachedServer && /may have reached fal/.test(error.message)
		? '; the request may have reached fal, so it was not resent (a resend could start a second job)'
		: '';
	return `Could not reach fal: ${error.method} ${error.url} failed, ${phrase}${notResent}`;
}

export function networkErrorDescription(error: FalNetworkError): string {
	const code = error.code ? `Network error ${error.code}. ` : '';
	return `${code}Check the network connection, and the host URLs when the credential uses custom hosts.`;
}
