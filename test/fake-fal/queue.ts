/**
 * The queue engine: jobs move IN_QUEUE → IN_PROGRESS → COMPLETED. At most `concurrency` jobs run
 * at once; the others wait (normal priority before low, FIFO within) with 0-based positions.
 * Every change is pushed to the job's listeners (the SSE status streams).
 */
import { fakeJson } from './http-util';
import { randomUUID } from 'node:crypto';

import { appIdOf, parseEndpointId } from './endpoint-id';
import { modelFailure, type FakeDirectives } from './fake-input';
import { modelOutput } from './models';
import type { Settings } from './settings';
import type { Timers } from './timers';
import type { JobLog, JobResult, JobView } from './types';

/**
 * A job as the fake keeps it: what tests see of it (JobView, less the queue position, which is
 * computed when asked) plus the bookkeeping that drives it.
 */
export interface Job extends Omit<JobView, 'queuePosition'> {
	/** `[namespace/]owner/alias`, used in status/result/cancel URLs. */
	appId: string;
	directives: FakeDirectives;
	/** When the job may leave the queue (submittedAt + queueMs). */
	readyAt: number;
	/** Set for `fail: payload_error`: the webhook cannot carry the output. */
	payloadError?: string;
	listeners: Set<() => void>;
	/** Cancels the timers driving this job (progress, completion, request timeout). */
	stopTimers: Array<() => void>;
}

export interface SubmitParams {
	endpointId: string;
	input: unknown;
	directives: FakeDirectives;
	priority?: string;
	runnerHint?: string;
	requestTimeoutSeconds?: number;
	noRetry: boolean;
	storeIo: boolean;
	objectLifecycle?: unknown;
	webhookUrl?: string;
}

export type CancelOutcome = 'CANCELLATION_REQUESTED' | 'ALREADY_COMPLETED' | 'NOT_FOUND';

/** Progress log lines emitted while a job runs (besides the start and end lines). */
const PROGRESS_STEPS = 3;

export class JobQueue {
	private readonly jobs = new Map<string, Job>();
	private waiting: Job[] = [];
	private running = 0;
	private stopWakeUp?: () => void;

	constructor(
		private readonly settings: Settings,
		private readonly timers: Timers,
		private readonly baseUrl: () => string,
		private readonly onComplete: (job: Job) => void,
	) {}

	submit(params: SubmitParams): Job {
		const parts = parseEndpointId(params.endpointId);
		if (!parts) throw new Error(`invalid endpoint id ${params.endpointId}`);
		const now = Date.now();
		const job: Job = {
			requestId: randomUUID(),
			endpointId: params.endpointId,
			appId: appIdOf(parts),
			input: params.input,
			directives: params.directives,
			state: 'IN_QUEUE',
			cancelled: false,
			priority: params.priority === 'low' ? 'low' : 'normal',
			runnerHint: params.runnerHint,
			requestTimeoutSeconds: params.requestTimeoutSeconds,
			timedOut: false,
			noRetry: params.noRetry,
			storeIo: params.storeIo,
			objectLifecycle: params.objectLifecycle,
			webhookUrl: params.webhookUrl,
			deliveries: [],
			logs: [],
			submittedAt: now,
			readyAt: now + (params.directives.queueMs ?? this.settings.queueMs),
			listeners: new Set(),
			stopTimers: [],
		};
		this.jobs.set(job.requestId, job);
		this.enqueue(job);
		this.notifyWaiting();
		if (job.requestTimeoutSeconds !== undefined) {
			job.stopTimers.push(this.timers.after(job.requestTimeoutSeconds * 1000, () => this.expireInQueue(job)));
		}
		this.pump();
		return job;
	}

	get(requestId: string): Job | undefined {
		return this.jobs.get(requestId);
	}

	all(): Job[] {
		return [...this.jobs.values()];
	}

	/** 0-based place among the waiting jobs, undefined once the job left the queue. */
	positionOf(job: Job): number | undefined {
		const index = this.waiting.indexOf(job);
		return index < 0 ? undefined : index;
	}

	urlsOf(job: Job): { response_url: string; status_url: string; cancel_url: string } {
		const base = `${this.baseUrl()}/queue/${job.appId}/requests/${job.requestId}`;
		return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
	}

	/** Calls `listener` after every change of the job; returns the unsubscribe function. */
	subscribe(job: Job, listener: () => void): () => void {
		job.listeners.add(listener);
		return () => job.listeners.delete(listener);
	}

	cancel(requestId: string): CancelOutcome {
		const job = this.jobs.get(requestId);
		if (!job) return 'NOT_FOUND';
		if (job.state === 'COMPLETED') return 'ALREADY_COMPLETED';
		job.cancelled = true;
		if (job.state === 'IN_QUEUE') {
			this.waiting = this.waiting.filter((waiting) => waiting !== job);
			this.finishCancelled(job);
			this.notifyWaiting();
			return 'CANCELLATION_REQUESTED';
		}
		// A running job receives the signal and stops a moment later, like a real runner.
		this.stop(job);
		this.log(job, 'INFO', 'Cancellation requested, stopping');
		job.stopTimers.push(this.timers.after(10, () => this.finishCancelled(job)));
		return 'CANCELLATION_REQUESTED';
	}

	/** Whether a completed job's result has outlived fal's retention (1 h, 6 min when ≥ 10 KB). */
	isExpired(job: Job): boolean {
		if (!job.completedAt || !job.result) return false;
		const size = Buffer.byteLength(fakeJson(job.result.body ?? null));
		const ttl = size >= 10 * 1024 ? this.settings.largeResultTtlMs : this.settings.resultTtlMs;
		return Date.now() - job.completedAt > ttl;
	}

	/** Drops every job and its timers (`reset()`). */
	clear(): void {
		for (const job of this.jobs.values()) {
			this.stop(job);
			job.listeners.clear();
		}
		this.jobs.clear();
		this.waiting = [];
		this.running = 0;
		this.stopWakeUp?.();
	}

	view(job: Job): JobView {
		return {
			requestId: job.requestId,
			endpointId: job.endpointId,
			input: job.input,
			state: job.state,
			cancelled: job.cancelled,
			queuePosition: this.positionOf(job),
			priority: job.priority,
			runnerHint: job.runnerHint,
			requestTimeoutSeconds: job.requestTimeoutSeconds,
			timedOut: job.timedOut,
			noRetry: job.noRetry,
			storeIo: job.storeIo,
			objectLifecycle: job.objectLifecycle,
			webhookUrl: job.webhookUrl,
			deliveries: [...job.deliveries],
			logs: [...job.logs],
			submittedAt: job.submittedAt,
			startedAt: job.startedAt,
			completedAt: job.completedAt,
			result: job.result,
			error: job.error,
			errorType: job.errorType,
		};
	}

	private enqueue(job: Job): void {
		if (job.priority === 'low') {
			this.waiting.push(job);
			return;
		}
		const firstLow = this.waiting.findIndex((waiting) => waiting.priority === 'low');
		if (firstLow < 0) this.waiting.push(job);
		else this.waiting.splice(firstLow, 0, job);
	}

	/** Starts every ready job there is room for, and wakes up when the next one gets ready. */
	private pump(): void {
		this.stopWakeUp?.();
		this.stopWakeUp = undefined;
		const now = Date.now();
		let started = false;
		for (const job of [...this.waiting]) {
			if (this.running >= this.settings.concurrency) break;
			if (job.readyAt > now) continue;
			this.waiting = this.waiting.filter((waiting) => waiting !== job);
			this.start(job);
			started = true;
		}
		if (started) this.notifyWaiting();
		if (this.running < this.settings.concurrency) {
			const nextReady = Math.min(...this.waiting.map((job) => job.readyAt));
			if (Number.isFinite(nextReady)) this.stopWakeUp = this.timers.after(nextReady - now, () => this.pump());
		}
	}

	private start(job: Job): void {
		this.stop(job);
		this.running++;
		job.state = 'IN_PROGRESS';
		job.startedAt = Date.now();
		const runMs = job.directives.runMs ?? this.settings.runMs;
		this.log(job, 'INFO', `Starting inference for ${job.endpointId}`);
		for (let step = 1; step <= PROGRESS_STEPS; step++) {
			job.stopTimers.push(
				this.timers.after((runMs * step) / (PROGRESS_STEPS + 1), () => this.log(job, 'STDOUT', `Step ${step}/${PROGRESS_STEPS}`)),
			);
		}
		job.stopTimers.push(this.timers.after(runMs, () => this.finishRun(job)));
	}

	private finishRun(job: Job): void {
		const inferenceSeconds = (Date.now() - (job.startedAt ?? Date.now())) / 1000;
		const fail = job.directives.fail;
		if (fail === 'model_error' || fail === 'validation') {
			const failure = modelFailure(fail);
			this.log(job, 'ERROR', `Inference failed: ${failure.error}`);
			this.complete(job, { status: failure.status, body: failure.body, headers: {} }, failure.error, failure.errorType);
			return;
		}
		if (fail === 'payload_error') job.payloadError = 'Failed to serialize the output for the webhook payload';
		const output = modelOutput(job.input, {
			endpointId: job.endpointId,
			requestId: job.requestId,
			baseUrl: this.baseUrl(),
			inferenceSeconds,
			bigSeed: job.directives.bigSeed,
			mediaBytes: job.directives.mediaBytes,
		});
		this.log(job, 'INFO', 'Inference finished');
		this.complete(job, { status: 200, body: output, headers: {} });
	}

	private finishCancelled(job: Job): void {
		this.complete(job, { status: 400, body: { detail: 'Request was cancelled' }, headers: {} }, 'Request was cancelled', 'request_cancelled');
	}

	/** X-Fal-Request-Timeout: the request did not start in time; fal answers 504, type `user`. */
	private expireInQueue(job: Job): void {
		if (job.state !== 'IN_QUEUE') return;
		this.waiting = this.waiting.filter((waiting) => waiting !== job);
		job.timedOut = true;
		const headers = { 'x-fal-request-timeout-type': 'user', 'x-fal-error-type': 'request_timeout', 'x-fal-retryable': 'false' };
		this.complete(job, { status: 504, body: { detail: 'Request timed out', error_type: 'request_timeout' }, headers }, 'Request timed out', 'request_timeout');
		this.notifyWaiting();
	}

	private complete(job: Job, result: JobResult, error?: string, errorType?: string): void {
		if (job.state === 'COMPLETED') return;
		const wasRunning = job.state === 'IN_PROGRESS';
		this.stop(job);
		job.state = 'COMPLETED';
		job.completedAt = Date.now();
		job.result = { ...result, headers: { ...result.headers, 'x-fal-request-id': job.requestId } };
		job.error = error;
		job.errorType = errorType;
		this.notify(job);
		job.listeners.clear();
		this.onComplete(job);
		if (wasRunning) {
			this.running--;
			this.pump();
		}
	}

	private stop(job: Job): void {
		for (const stopTimer of job.stopTimers) stopTimer();
		job.stopTimers = [];
	}

	private log(job: Job, level: JobLog['level'], message: string): void {
		job.logs.push({ message, level, source: 'user', timestamp: new Date().toISOString() });
		this.notify(job);
	}

	private notify(job: Job): void {
		for (const listener of [...job.listeners]) listener();
	}

	/** Queue positions moved: tell every waiting job's listeners. */
	private notifyWaiting(): void {
		for (const job of this.waiting) this.notify(job);
	}
}
