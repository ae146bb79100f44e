/**
 * What every queue-mode test file sets up: a fake fal in this process, the main's user folder with
 * the package, the fal.ai credential and the file's workflows imported, a running queue cluster
 * (Redis, main, two workers; see ../lib/queueCluster.ts) and a logged-in session on the main.
 */
import { startFakeFal, type FakeFal, type FakeFalOptions } from '../../fake-fal';
import {
	activateWorkflow,
	createUserFolder,
	falAiCredential,
	importCredential,
	installN8n,
	removeUserFolder,
	restRequest,
	setupOwner,
	target,
	timed,
	type N8nSession,
} from '../lib';
import { installCachedPackage } from '../lib/cachedPackage';
import { importWorkflowObjects } from '../lib/importWorkflows';
import { startQueueCluster, type QueueCluster, type QueueClusterOptions } from '../lib/queueCluster';

export interface QueueInstance {
	fal: FakeFal;
	cluster: QueueCluster;
	session: N8nSession;
	mainFolder: string;
	/** Stops everything and removes the user folders. */
	close(): Promise<void>;
}

export interface QueueInstanceOptions {
	label: string;
	fal?: FakeFalOptions;
	/**
	 * Imported before the cluster starts, then activated (each must have a fixed `id`); given the
	 * fake fal, whose URLs a workflow may need (a trigger's key set URL).
	 */
	workflows: (fal: FakeFal) => Array<{ id: string } & Record<string, unknown>>;
	cluster?: QueueClusterOptions;
}

export async function startQueueInstance(options: QueueInstanceOptions): Promise<QueueInstance> {
	if (!target.queueMode) throw new Error(`queue-mode tests need N8N_E2E_TARGET=queue (this run: ${target.name})`);
	await timed(`install ${target.label} (cached)`, installN8n);
	const mainFolder = createUserFolder(`queue-main-${options.label}`);
	const fal = await startFakeFal({ port: 0, ...options.fal });
	let cluster: QueueCluster | undefined;
	const close = async (): Promise<void> => {
		await cluster?.stop();
		await fal.close();
		removeUserFolder(mainFolder);
	};
	try {
		await timed('install the packed package into the main (cached)', () => installCachedPackage(mainFolder));
		await importCredential(mainFolder, falAiCredential({ apiKey: fal.key, hosts: fal.hosts }));
		const workflows = options.workflows(fal);
		await timed('import the workflows', () => importWorkflowObjects(mainFolder, workflows));
		cluster = await timed('start Redis, the main and the workers', () => startQueueCluster(mainFolder, options.cluster));
		const session = await setupOwner(cluster.main.url);
		for (const workflow of workflows) await activateWorkflow(session, workflow.id);
		return { fal, cluster, session, mainFolder, close };
	} catch (error) {
		await close();
		throw error;
	}
}

/** The execution's record as the main's REST API returns it (`data` still in n8n's flatted form). */
export async function storedExecution(session: N8nSession, id: string): Promise<{ status: string; data: string; mode: string }> {
	return restRequest(session, 'GET', `/executions/${id}`);
}
