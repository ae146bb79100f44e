/**
 * Collects what happens while a request waits: queue positions, logs, inference time.
 */
import type { FalLog, QueueStatus, QueueStatusName } from '../client/types';

export interface QueueHistoryEntry {
	status: QueueStatusName;
	queue_position?: number;
	/** ISO time the change was seen. */
	at: string;
}

export interface ProgressReport {
	queueHistory: QueueHistoryEntry[];
	logs: FalLog[];
	inferenceTime?: number;
}

/** Feed it every status update (`onUpdate`); it keeps changes only and de-duplicates logs. */
export class ProgressTracker {
	private readonly history: QueueHistoryEntry[] = [];

	private readonly logs: FalLog[] = [];

	private readonly seenLogs = new Set<string>();

	private inferenceTime?: number;

	constructor(private readonly now: () => Date = () => new Date()) {}

	/** Records one status update; returns the history entry it added, if the status changed. */
	record(status: Pick<QueueStatus, 'status' | 'queue_position' | 'logs' | 'metrics'>): QueueHistoryEntry | undefined {
		const last = this.history[this.history.length - 1];
		let added: QueueHistoryEntry | undefined;
		if (!last || last.status !== status.status || last.queue_position !== status.queue_position) {
			added = { status: status.status, at: this.now().toISOString() };
			if (typeof status.queue_position === 'number') added.queue_position = status.queue_position;
			this.history.push(added);
		}
		// Status answers repeat earlier log lines, so each line is kept once.
		for (const log of status.logs ?? []) {
			const key = `${log.timestamp ?? ''}\u0000${log.level ?? ''}\u0000${log.message}`;
			if (this.seenLogs.has(key)) continue;
			this.seenLogs.add(key);
			this.logs.push(log);
		}
		const inference = status.metrics?.inference_time;
		if (typeof inference === 'number') this.inferenceTime = inference;
		return added;
	}

	report(): ProgressReport {
		return { queueHistory: [...this.history], logs: [...this.logs], inferenceTime: this.inferenceTime };
	}
}
