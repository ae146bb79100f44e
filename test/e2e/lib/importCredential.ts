/**
 * Creates credentials in n8n with `n8n import:credentials`, so workflows can reference a
 * credential by a fixed id without clicking through the editor.
 *
 * The input n8n accepts is a JSON array of `{id, name, type, data}`. When `data` is an object
 * (not an encrypted string) n8n encrypts it with the instance's key while importing, so plain
 * values can be given. The credential is owned by the instance owner's personal project.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { throwIfFailed } from './commandFailure';
import { runN8nCommand } from './runN8nCommand';

export interface N8nCredential {
	/** Fixed id that workflow nodes reference in `credentials: { <type>: { id, name } }`. */
	id: string;
	name: string;
	/** The credential type's `name`, e.g. `falAiApi`. */
	type: string;
	/** Plain (unencrypted) field values. */
	data: Record<string, unknown>;
}

/** Imports `credential` into the n8n of `userFolder` (replacing one with the same id). */
export async function importCredential(userFolder: string, credential: N8nCredential): Promise<void> {
	// The file holds a secret: private directory, owner-only file, removed right after.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-credential-'));
	const file = path.join(dir, 'credentials.json');
	try {
		fs.writeFileSync(file, JSON.stringify([credential]), { mode: 0o600 });
		const result = await runN8nCommand(userFolder, ['import:credentials', `--input=${file}`]);
		throwIfFailed(`n8n import:credentials (${credential.type} ${credential.id})`, result, /Successfully imported/);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
