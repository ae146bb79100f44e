/**
 * The environment every n8n process of the e2e tests runs with: a private user folder, SQLite,
 * nothing phoning home, and everything bound to 127.0.0.1, on the Node.js and with the settings
 * of the run's target (targets.ts).
 */
import { npmEnvironment } from './npmEnvironment';
import { nodeBinDir, target } from './paths';

export interface N8nPorts {
	/** HTTP port of `n8n start` (editor, REST API, webhooks). */
	port?: number;
	/**
	 * Port of the task-runner broker. Every n8n process opens one (`n8n execute` too), by default
	 * on 5679, so processes running at the same time each need their own.
	 */
	brokerPort?: number;
}

/**
 * Builds the environment for an n8n process whose data lives in `userFolder` (n8n keeps its
 * database, settings and community packages in `<userFolder>/.n8n`). `extra` overrides the
 * defaults; `ports`, when given, set N8N_PORT, WEBHOOK_URL and N8N_RUNNERS_BROKER_PORT.
 */
export function n8nEnv(
	userFolder: string,
	extra: NodeJS.ProcessEnv = {},
	{ port, brokerPort }: N8nPorts = {},
): NodeJS.ProcessEnv {
	// Jest sets NODE_ENV=test, under which n8n silences its logs and `n8n start` exits with 1; n8n must see
	// the environment of a user running it from a shell, where NODE_ENV is normally unset.
	const inherited = npmEnvironment();
	delete inherited.NODE_ENV;
	const env: NodeJS.ProcessEnv = {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// Skips n8n's check (and rewrite) of the permissions of its settings file in the temp folder.
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		// The tests talk plain HTTP to 127.0.0.1; a Secure cookie would not come back from a browser.
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		...target.env,
		...extra,
	};
	if (nodeBinDir) env.PATH = `${nodeBinDir}:${env.PATH ?? ''}`;
	if (port !== undefined) {
		env.N8N_PORT = String(port);
		env.WEBHOOK_URL = `http://127.0.0.1:${port}/`;
	}
	if (brokerPort !== undefined) env.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	return env;
}
