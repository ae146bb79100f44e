/**
 * What a waiting model node tells the editor while fal works. n8n 2.8 gives a running node no
 * progress display of its own (the panel shows "Executing node…"); `sendMessageToUI` is the one
 * channel it has, and lands in the browser's developer console of the user who pressed
 * "Execute" (manual runs only). Each change of status or queue position is sent once.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { QueueHistoryEntry } from './progress';

/** `Item 0, fal-ai/veo3: in queue, position 3`, `…: running`, `…: done`. */
export function progressText(itemIndex: number, endpointId: string, entry: QueueHistoryEntry): string {
	const state =
		entry.status === 'IN_QUEUE'
			? `in queue${entry.queue_position === undefined ? '' : `, position ${entry.queue_position}`}`
			: entry.status === 'IN_PROGRESS'
				? 'running'
				: 'done';
	return `Item ${itemIndex}, ${endpointId}: ${state}`;
}

/** A progress callback sending {@link progressText} to the editor; never fails the item. */
export function progressToUi(ctx: IExecuteFunctions, itemIndex: number, endpointId: string): (entry: QueueHistoryEntry) => void {
	return (entry) => {
		try {
			ctx.sendMessageToUI(`fal.ai: ${progressText(itemIndex, endpointId, entry)}`);
		} catch {
			// The editor may be gone (closed tab); the run goes on.
		}
	};
}
