import { once } from 'node:events';

import { runWorkflow } from '.';
import type { CancellationSeen } from './fixtures';
import { fixtureNodeTypes, waitForCancelEvents } from './fixtures';

const waitNode = { name: 'Wait', type: 'harnessFixtureWaitForCancel' };

/** Resolves with what the fixture saw once it has been cancelled. */
function nextCancellation(): Promise<CancellationSeen> {
	return once(waitForCancelEvents, 'cancelled').then(([seen]) => seen as CancellationSeen);
}

describe('cancelling a run', () => {
	it('aborts the cancel signal of the running node, as n8n\'s "Stop execution" does', async () => {
		const waiting = once(waitForCancelEvents, 'waiting');
		const cancelled = nextCancellation();
		const run = runWorkflow({ nodes: [waitNode], nodeTypes: fixtureNodeTypes });
		await waiting;
		run.cancel();
		const result = await run;

		expect(await cancelled).toEqual({ abortedBeforeStart: false, handlerCalled: true });
		expect(result.status).toBe('canceled');
		expect(result.error?.message).toBe('The execution was cancelled manually');
	});

	it('cancels when the given AbortSignal aborts', async () => {
		const controller = new AbortController();
		const waiting = once(waitForCancelEvents, 'waiting');
		const cancelled = nextCancellation();
		const run = runWorkflow({ nodes: [waitNode], nodeTypes: fixtureNodeTypes, signal: controller.signal });
		await waiting;
		controller.abort();
		const result = await run;

		expect(await cancelled).toEqual({ abortedBeforeStart: false, handlerCalled: true });
		expect(result.status).toBe('canceled');
	});

	it('hands an already aborted signal to a node that starts after the cancel', async () => {
		const cancelled = nextCancellation();
		const run = runWorkflow({ nodes: [waitNode], nodeTypes: fixtureNodeTypes });
		await run.nodeStarted('Wait');
		run.cancel();
		await run;

		expect(await cancelled).toEqual({ abortedBeforeStart: true, handlerCalled: false });
	});

	it('does not run the nodes after the cancelled one', async () => {
		const waiting = once(waitForCancelEvents, 'waiting');
		const run = runWorkflow({
			nodes: [waitNode, { name: 'After', type: 'harnessFixtureFailOnItem', parameters: { failOnItem: -1 } }],
			nodeTypes: fixtureNodeTypes,
		});
		await waiting;
		run.cancel();
		const result = await run;

		expect(result.executedNodes).not.toContain('After');
		await expect(run.nodeStarted('After')).rejects.toThrow('The run ended before node "After" started');
	});
});
