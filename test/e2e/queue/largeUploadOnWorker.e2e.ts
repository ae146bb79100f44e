/**
 * Queue mode: a 95 MiB file POSTed to a Webhook node is stored by the main in the shared database
 * (binary data mode `database`), and Fal.ai Upload File on a worker sends it to fal storage as a
 * multipart upload. What fal stores is byte for byte what was posted, and the worker's memory
 * stays bounded. n8n's database mode reads a binary whole through node-sqlite3, which alone peaks
 * at about three copies of a blob (+288 MiB for 95 MiB, measured in a bare process); the upload
 * itself adds only its part buffers (10 MiB × 3), so the worker grows by about twice the file
 * from its start-up peak (+206 MiB measured), and a further whole copy made by the node would
 * cross the bound.
 */
import { createHash, randomBytes } from 'node:crypto';

import { listExecutions, timed } from '../lib';
import type { ExampleWorkflow } from '../lib/exampleWorkflows';
import { peakRssBytes } from '../lib/queueCluster';
import { startQueueInstance, type QueueInstance } from './queueInstance';
import { postToWebhook, webhookNode } from './webhookWorkflows';

const MiB = 1024 * 1024;
const FILE_SIZE = 95 * MiB;

const workflow: ExampleWorkflow = {
	id: 'e2eQueueUpload01',
	name: 'e2e queue: webhook upload to fal storage',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode('Receive File', 'queue-large-upload', { responseMode: 'lastNode', responseData: 'firstEntryJson' }),
		{
			id: 'upload',
			name: 'Upload File',
			type: 'n8n-nodes-falai.falAiUploadFile',
			typeVersion: 1,
			position: [240, 0],
			credentials: { falAiApi: { id: 'falE2eCredential', name: 'fal.ai' } },
			parameters: { source: 'binary', binaryPropertyName: 'data', options: {} },
		},
	],
	connections: { 'Receive File': { main: [[{ node: 'Upload File', type: 'main', index: 0 }]] } },
};

describe('queue mode: a 95 MiB webhook upload sent to fal from database binary data', () => {
	let queue: QueueInstance;

	beforeAll(async () => {
		queue = await startQueueInstance({ label: 'upload', workflows: () => [workflow] });
	});

	afterAll(async () => {
		await queue?.close();
	});

	it('uploads the posted file by multipart on a worker, byte for byte, with bounded memory', async () => {
		const file = randomBytes(FILE_SIZE);
		const sha256 = createHash('sha256').update(file).digest('hex');
		const peaksBefore = queue.cluster.workers.map((worker) => peakRssBytes(worker.pid));

		const response = await timed('POST 95 MiB to the webhook and upload it to fal', () =>
			postToWebhook(`${queue.cluster.main.url}/webhook/queue-large-upload`, {
				headers: { 'content-type': 'application/octet-stream' },
				body: file,
			}),
		);
		const answer = (await response.json()) as { url: string; size: number; content_type: string };

		expect(response.status).toBe(200);
		expect(answer).toMatchObject({ url: expect.stringContaining(`${queue.fal.hosts.mediaUrl}/files/`), size: FILE_SIZE });
		expect(queue.fal.requestsOf('upload-initiate-multipart')).toHaveLength(1);
		expect(queue.fal.requestsOf('upload-part').length).toBeGreaterThan(1);
		expect(queue.fal.requestsOf('upload-complete')).toHaveLength(1);
		expect(queue.fal.requestsOf('upload-put')).toHaveLength(0);
		const stored = Buffer.from(await (await fetch(answer.url)).arrayBuffer());
		expect(stored.length).toBe(FILE_SIZE);
		expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256);

		const [execution] = await listExecutions(queue.session, { workflowId: workflow.id });
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		const ranOn = queue.cluster.workers.find((worker) =>
			new RegExp(`Worker started execution ${execution.id}\\b`).test(worker.output()),
		);
		expect(ranOn).toBeDefined();

		const index = queue.cluster.workers.indexOf(ranOn!);
		const peakAfter = peakRssBytes(ranOn!.pid);
		const growth = peakAfter - peaksBefore[index];
		process.stdout.write(
			`[e2e] ${ranOn!.name}: peak RSS ${(peaksBefore[index] / MiB).toFixed(0)} MiB before, ` +
				`${(peakAfter / MiB).toFixed(0)} MiB after the upload (+${(growth / MiB).toFixed(0)} MiB for a ${FILE_SIZE / MiB} MiB file)\n`,
		);
		expect(growth).toBeLessThan(3 * FILE_SIZE);
	});
});
