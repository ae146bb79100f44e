/**
 * n8n in queue mode, as installations that outgrow one machine run it: Redis, one main process
 * (editor, REST API, webhooks; it enqueues executions) and workers that run them, with binary data
 * kept in the shared database instead of a local folder.
 *
 * Each process has a user folder of its own with this package installed in it, standing for a
 * host of its own; they share only Redis, the database and the encryption key. The database is
 * the SQLite file of the main's user folder (n8n accepts SQLite in queue mode with a warning).
 *
 * Typical flow: create the main's user folder, install the package, import credentials and
 * workflows with the CLI helpers as for a single instance, then `startQueueCluster(mainFolder)`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { installCachedPackage } from './cachedPackage';
import { freePort } from './freePort';
import { n8nEnv } from './n8nEnv';
import { startRedis, type RunningRedis } from './redis';
import { launchN8n, startN8n, type N8nProcess, type RunningN8n } from './startN8n';
import { createUserFolder, removeUserFolder } from './userFolder';

export interface N8nWorker extends N8nProcess {
	name: string;
	userFolder: string;
}

export interface QueueCluster {
	/** The current main (replaced by restartMain). */
	main: RunningN8n;
	workers: N8nWorker[];
	redis: RunningRedis;
	/** What every worker printed so far, each line prefixed with the worker's name. */
	workerOutput(): string;
	/** Stops the main and starts a new main process on the same port, database and Redis. */
	restartMain(): Promise<void>;
	/** Stops the workers, the main and Redis, and removes the workers' user folders. */
	stop(): Promise<void>;
}

export interface QueueClusterOptions {
	/** How many workers (default 2). */
	workers?: number;
	/** Executions each worker runs at once (`n8n worker --concurrency`, default 2). */
	concurrency?: number;
	/** Extra environment for every process. */
	env?: NodeJS.ProcessEnv;
}

/**
 * Starts Redis, `n8n start` on `mainFolder` (already set up: package installed, credentials and
 * workflows imported) and the workers, and resolves once all of them are ready.
 */
export async function startQueueCluster(mainFolder: string, options: QueueClusterOptions = {}): Promise<QueueCluster> {
	const encryptionKey = encryptionKeyOf(mainFolder);
	const redis = await startRedis();
	const workers: N8nWorker[] = [];
	const workerFolders: string[] = [];
	let main: RunningN8n | undefined;
	const stop = async (): Promise<void> => {
		await Promise.all(workers.map((worker) => worker.stop()));
		await main?.stop();
		await redis.stop();
		for (const folder of workerFolders) removeUserFolder(folder);
	};

	const shared: NodeJS.ProcessEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		DB_SQLITE_DATABASE: path.join(mainFolder, '.n8n', 'database.sqlite'),
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		...options.env,
	};
	try {
		main = await startN8n(mainFolder, { env: shared });
		for (let index = 1; index <= (options.workers ?? 2); index++) {
			const name = `worker-${index}`;
			const userFolder = createUserFolder(`queue-${name}`);
			workerFolders.push(userFolder);
			await installCachedPackage(userFolder);
			const healthPort = await freePort();
			const env = n8nEnv(
				userFolder,
				{
					...shared,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					// Resume URLs of waiting executions (Wait for Webhook) point at the main, which receives them.
					WEBHOOK_URL: `${main.url}/`,
				},
				{ brokerPort: await freePort() },
			);
			const worker = await launchN8n(['worker', `--concurrency=${options.concurrency ?? 2}`], env, {
				healthUrl: `http://127.0.0.1:${healthPort}`,
				readyMessage: 'n8n worker is now ready',
				timeoutMs: 90_000,
			});
			workers.push({ ...worker, name, userFolder });
		}
	} catch (error) {
		await stop();
		throw error;
	}

	const cluster: QueueCluster = {
		main,
		workers,
		redis,
		workerOutput: () => workerOutput(workers),
		restartMain: async () => {
			await cluster.main.stop();
			cluster.main = await startN8n(mainFolder, { env: shared, port: cluster.main.port });
		},
		stop: async () => {
			main = cluster.main;
			await stop();
		},
	};
	return cluster;
}

function workerOutput(workers: N8nWorker[]): string {
	return (
		workers
			.map((worker) =>
				worker
					.output()
					.split('\n')
					.map((line) => `[${worker.name}] ${line}`)
					.join('\n'),
			)
			.join('\n')
	);
}

/**
 * The key n8n generated for the main's user folder at its first command (kept in `.n8n/config`).
 * Every process must use it to read the credentials in the shared database.
 */
function encryptionKeyOf(userFolder: string): string {
	const file = path.join(userFolder, '.n8n', 'config');
	if (!fs.existsSync(file)) throw new Error(`${file} does not exist: import something into the main's user folder first`);
	const { encryptionKey } = JSON.parse(fs.readFileSync(file, 'utf8')) as { encryptionKey?: string };
	if (!encryptionKey) throw new Error(`${file} holds no encryptionKey`);
	return encryptionKey;
}

/** The highest resident memory the process `pid` has had so far (VmHWM), in bytes. */
export function peakRssBytes(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
	if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
	return Number(match[1]) * 1024;
}

/** The memory the process `pid` holds now (VmRSS), in bytes. */
export function rssBytes(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
	if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
	return Number(match[1]) * 1024;
}
