/**
 * Imported before n8n-core: its node contexts load InstanceSettings, which reads (and creates)
 * a user folder; keep that in a temporary directory instead of the home directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'falai-trigger-n8n-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
// The node's warnings about rejected calls are expected here; the tests assert on answers instead.
process.env.N8N_LOG_LEVEL ??= 'silent';
