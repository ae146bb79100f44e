/**
 * Throwaway n8n user folders: each test run gets a fresh database, settings and nodes folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Creates an empty user folder in the OS temp dir. */
export function createUserFolder(label = 'e2e'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `n8n-${label}-`));
}

/** Deletes a user folder created by createUserFolder (unless N8N_E2E_KEEP is set, for debugging). */
export function removeUserFolder(userFolder: string): void {
	if (process.env.N8N_E2E_KEEP) {
		process.stdout.write(`[e2e] keeping n8n user folder ${userFolder}\n`);
		return;
	}
	fs.rmSync(userFolder, { recursive: true, force: true });
}
