/**
 * `npm run bench:queue`: throughput of one Fal.ai Generate Image node in real n8n in queue mode.
 * 100 items, each a fake fal job running 2 s (nothing queued on fal's side), through one node with
 * Max Concurrent Requests = 10, in an execution a worker runs: ideally 100 × 2 s / 10 = 20 s.
 * Writes its section of BENCHMARKS.md. A measurement, not a test: nothing here asserts a time.
 *
 * Needs what the queue-mode e2e tests need (redis-server; n8n 2.41.1 and Node 24 are installed
 * into the cache on first use).
 */
import { loadavg, cpus } from 'node:os';

import { parse } from 'flatted';

import { listExecutions, nodeItems, restRequest, target, type N8nExecution } from '../e2e/lib';
import type { ExampleWorkflow } from '../e2e/lib/exampleWorkflows';
import { startQueueInstance } from '../e2e/queue/queueInstance';
import { postToWebhook, webhookNode } from '../e2e/queue/webhookWorkflows';
import { writeSection } from './benchmarksSection';

const ITEMS = 100;
const JOB_MS = 2000;
const CONCURRENCY = 10;
const IDEAL_MS = (ITEMS * JOB_MS) / CONCURRENCY;

const workflow: ExampleWorkflow = {
	id: 'benchQueueThru01',
	name: 'bench: 100 items through Generate Image on a worker',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode('Start', 'bench-queue-throughput', { responseMode: 'lastNode', responseData: 'firstEntryJson' }),
		{
			id: 'items',
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [120, 0],
			parameters: { jsCode: `return Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { prompt: 'fox number ' + i } }));` },
		},
		{
			id: 'generate',
			name: 'Generate Image',
			type: 'n8n-nodes-falai.falAiGenerateImage',
			typeVersion: 1,
			position: [240, 0],
			credentials: { falAiApi: { id: 'falE2eCredential', name: 'fal.ai' } },
			parameters: {
				model: { __rl: true, mode: 'id', value: 'fal-ai/flux/schnell' },
				prompt: '={{ $json.prompt }}',
				executionMode: 'wait',
				outputMedia: 'url',
				options: { maxConcurrency: CONCURRENCY },
			},
		},
	],
	connections: {
		Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		Items: { main: [[{ node: 'Generate Image', type: 'main', index: 0 }]] },
	},
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
	const load = loadavg()[0];
	// fal's side never queues: every job starts at once and runs exactly JOB_MS.
	const queue = await startQueueInstance({
		label: 'bench',
		workflows: () => [workflow],
		fal: { queueMs: 0, runMs: JOB_MS, concurrency: ITEMS },
		cluster: { workers: 1 },
	});
	try {
		const startedAt = Date.now();
		const response = await postToWebhook(`${queue.cluster.main.url}/webhook/bench-queue-throughput`, {
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		const wallMs = Date.now() - startedAt;
		if (response.status !== 200) throw new Error(`the webhook answered ${response.status}: ${await response.text()}`);

		const [execution] = await listExecutions(queue.session, { workflowId: workflow.id });
		const stored = await restRequest<{ status: string; data: string }>(queue.session, 'GET', `/executions/${execution.id}`);
		const run: N8nExecution = { status: stored.status, data: parse(stored.data) as N8nExecution['data'] };
		const items = nodeItems(run, 'Generate Image');
		if (run.status !== 'success' || items.length !== ITEMS || items.some((item) => !item.json.request_id)) {
			throw new Error(`the execution did not produce ${ITEMS} results (status ${run.status}, ${items.length} items)`);
		}
		if (!new RegExp(`Worker started execution ${execution.id}\\b`).test(queue.cluster.workerOutput())) {
			throw new Error('the execution did not run on the worker');
		}
		const nodeRun = (run.data.resultData.runData['Generate Image'][0] as { executionTime?: number }).executionTime ?? NaN;
		const jobs = queue.fal.jobs;
		const firstSubmit = Math.min(...jobs.map((job) => job.submittedAt));
		const lastDone = Math.max(...jobs.map((job) => job.completedAt ?? NaN));
		const falSpan = lastDone - firstSubmit;

		const body = [
			'## Queue mode in real n8n: one Generate Image node on a worker',
			'',
			'`npm run bench:queue` (test/bench/queueThroughput.ts): n8n 2.41.1 on Node 24 in queue mode (Redis, one',
			'main, one worker, SQLite, binary data in the database), the packed package installed on both. A',
			`Webhook starts an execution that a Code node turns into ${ITEMS} items, sent through one Fal.ai Generate`,
			`Image node with Max Concurrent Requests = ${CONCURRENCY} ("Wait for Result", URLs only) to the fake fal, where`,
			`every job starts at once and runs ${JOB_MS / 1000} s. Ideal: ${ITEMS} × ${JOB_MS / 1000} s / ${CONCURRENCY} = ${seconds(IDEAL_MS)}.`,
			'',
			'| measured | time | vs ideal |',
			'| --- | --- | --- |',
			`| Generate Image node (n8n's executionTime on the worker) | ${seconds(nodeRun)} | ${(nodeRun / IDEAL_MS).toFixed(2)}× |`,
			`| fal side: first submit to last job completed | ${seconds(falSpan)} | ${(falSpan / IDEAL_MS).toFixed(2)}× |`,
			`| wall: webhook POST to its answer (enqueue, worker, result back through the main) | ${seconds(wallMs)} | ${(wallMs / IDEAL_MS).toFixed(2)}× |`,
			'',
			`Run: ${new Date().toISOString()}, ${target.label}, ${cpus().length} cores, 1-minute load average ${load.toFixed(2)} at start.`,
		].join('\n');
		process.stdout.write(`${body}\n`);
		writeSection('queue-throughput', body);
		process.stderr.write('[bench] wrote the queue-throughput section of BENCHMARKS.md\n');
	} finally {
		await queue.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
