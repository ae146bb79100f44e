/**
 * The benchmark's pure helpers. Timings are never asserted here: only the arithmetic and the
 * bookkeeping the reported numbers rely on.
 */
import type { RecordedRequest } from '../fake-fal';
import { idealBoundedWallMs, mapBounded } from './bounded';
import { pooledCpu, type CpuResult } from './cpu-scenario';
import { withDeadline } from './deadline';
import { variedPlans } from './plans';
import { medianFanOutRound, summariseLatency, type FanOutResult, type LatencySample } from './queue-scenarios';
import { RssSampler } from './rss-sampler';
import { median, percentile } from './stats';
import { betterRatio, markdownTable, rowCells, tableHeader, type MetricRow } from './table';

describe('percentile', () => {
	it('interpolates between the closest ranks', () => {
		expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
		expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
		expect(percentile([7], 95)).toBe(7);
	});

	it('does not depend on the order of the sample, nor change it', () => {
		const sample = [5, 1, 4, 2, 3];
		expect(median(sample)).toBe(3);
		expect(percentile(sample, 0)).toBe(1);
		expect(percentile(sample, 100)).toBe(5);
		expect(sample).toEqual([5, 1, 4, 2, 3]);
	});

	it('is NaN for an empty sample and refuses a percentile outside 0..100', () => {
		expect(median([])).toBeNaN();
		expect(() => percentile([1], 101)).toThrow(RangeError);
	});
});

describe('RssSampler', () => {
	afterEach(() => jest.useRealTimers());

	it('reports the growth from the first sample to the highest one, including a final sample on stop', () => {
		jest.useFakeTimers();
		const readings = [100, 130, 180, 120];
		let next = 0;
		const sampler = new RssSampler({ intervalMs: 20, read: () => readings[Math.min(next++, readings.length - 1)] });
		sampler.start();
		jest.advanceTimersByTime(40);
		const summary = sampler.stop();
		expect(summary).toEqual({ baselineBytes: 100, peakBytes: 180, growthBytes: 80, samples: 4 });
	});

	it('never reports a negative growth when memory shrinks', () => {
		jest.useFakeTimers();
		const readings = [500, 300];
		let next = 0;
		const sampler = new RssSampler({ read: () => readings[Math.min(next++, readings.length - 1)] });
		sampler.start();
		expect(sampler.stop().growthBytes).toBe(0);
	});

	it('refuses to stop before starting or to start twice', () => {
		const sampler = new RssSampler({ read: () => 1 });
		expect(() => sampler.stop()).toThrow('not started');
		sampler.start();
		expect(() => sampler.start()).toThrow('already started');
		sampler.stop();
	});
});

describe('mapBounded', () => {
	it('keeps at most `limit` tasks in flight and returns results in input order', async () => {
		let inFlight = 0;
		let mostInFlight = 0;
		const results = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (value) => {
			inFlight++;
			mostInFlight = Math.max(mostInFlight, inFlight);
			for (let tick = 0; tick < value; tick++) await Promise.resolve();
			inFlight--;
			return value * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30, 0]);
		expect(mostInFlight).toBe(2);
	});

	it('rejects with the first failure', async () => {
		await expect(mapBounded([1, 2, 3], 3, async (value) => {
			if (value === 2) throw new Error('job 2 failed');
			return value;
		})).rejects.toThrow('job 2 failed');
	});

	it('refuses a limit below 1', async () => {
		await expect(mapBounded([1], 0, async (value) => value)).rejects.toThrow(RangeError);
	});
});

describe('idealBoundedWallMs', () => {
	it('is the longest job when every job has its own slot', () => {
		expect(idealBoundedWallMs([300, 100, 200], 10)).toBe(300);
	});

	it('starts each job in the slot that frees up first, in order', () => {
		// Slot A runs 400; slot B runs 100 then 300 (free at 400); the 200 job starts at 400.
		expect(idealBoundedWallMs([400, 100, 300, 200], 2)).toBe(600);
		expect(idealBoundedWallMs([100, 100, 100, 100], 1)).toBe(400);
	});

	it('is zero for no jobs', () => {
		expect(idealBoundedWallMs([], 3)).toBe(0);
	});
});

describe('variedPlans', () => {
	it('spreads run times over the whole range, each once, not in sorted order', () => {
		const plans = variedPlans(5, 100, 500, 20);
		const runTimes = plans.map((plan) => plan.runMs);
		expect([...runTimes].sort((a, b) => a - b)).toEqual([100, 200, 300, 400, 500]);
		expect(runTimes).not.toEqual([100, 200, 300, 400, 500]);
		expect(plans.every((plan) => plan.queueMs === 20)).toBe(true);
	});
});

describe('table', () => {
	const latency: MetricRow = {
		metric: 'latency',
		unit: 'ms',
		ours: 10,
		baselines: [300, 5],
		better: 'lower',
		decimals: 1,
		target: { text: '< 20 ms', met: (value) => value < 20 },
	};

	it('orients the ratio so that above 1 means ours is better', () => {
		expect(betterRatio({ ours: 10, baseline: 300, better: 'lower' })).toBe(30);
		expect(betterRatio({ ours: 120, baseline: 60, better: 'higher' })).toBe(2);
		expect(betterRatio({ ours: 50, baseline: 100, better: 'higher' })).toBe(0.5);
		expect(betterRatio({ ours: 1, baseline: undefined, better: 'lower' })).toBeUndefined();
		expect(betterRatio({ ours: undefined, baseline: 1, better: 'lower' })).toBeUndefined();
		expect(betterRatio({ ours: 0, baseline: 5, better: 'lower' })).toBeUndefined();
	});

	it('renders a row with units, each baseline with its ratio, the target and whether it was met', () => {
		expect(tableHeader('Ours', ['A', 'B'])).toEqual(['Metric', 'Ours', 'A', 'B', 'Target', 'Met?']);
		expect(rowCells(latency)).toEqual(['latency', '10.0 ms', '300.0 ms (30×)', '5.0 ms (0.50×)', '< 20 ms', 'yes']);
		expect(rowCells({ ...latency, ours: 25, baselines: [undefined, 'no such API'] })).toEqual([
			'latency',
			'25.0 ms',
			'not measured',
			'no such API',
			'< 20 ms',
			'NO',
		]);
		expect(rowCells({ metric: 'ratio', unit: '', ours: 1.234, baselines: [2], better: 'lower', decimals: 2 })).toEqual([
			'ratio',
			'1.23',
			'2.00 (1.62×)',
			'—',
			'—',
		]);
	});

	it('says "failed", and never "yes", when our own measurement is missing', () => {
		expect(rowCells({ ...latency, ours: undefined, baselines: [300] })).toEqual(['latency', 'failed', '300.0 ms', '< 20 ms', 'NO']);
	});

	it('renders a padded markdown table and escapes pipes in cells', () => {
		const table = markdownTable(['A', 'Bee'], [['x|y', '1'], ['long cell', '22']]);
		expect(table.split('\n')).toEqual([
			'| A         | Bee |',
			'| --------- | --- |',
			'| x\\|y      | 1   |',
			'| long cell | 22  |',
		]);
	});
});

describe('withDeadline', () => {
	afterEach(() => jest.useRealTimers());

	it('passes the result of work that finishes in time', async () => {
		await expect(withDeadline(Promise.resolve(42), 1000, 'quick')).resolves.toBe(42);
	});

	it('rejects naming the stage when the work outlives the deadline', async () => {
		jest.useFakeTimers();
		const never = new Promise<never>(() => undefined);
		const outcome = withDeadline(never, 1000, 'fan-out');
		jest.advanceTimersByTime(1000);
		await expect(outcome).rejects.toThrow('benchmark stage "fan-out" did not finish within 1000 ms');
	});
});

describe('pooling rounds', () => {
	const sample = (latenciesMs: number[], kinds: string[]): LatencySample => ({
		label: 'ours',
		latenciesMs,
		noticeMs: latenciesMs.map((value) => value - 1),
		fetchMs: latenciesMs.map(() => 1),
		requests: kinds.map((kind, id) => ({ id, kind }) as unknown as RecordedRequest),
	});

	it('pools latency rounds into one sample, requests counted per job over all rounds', () => {
		const result = summariseLatency([sample([1, 3], ['submit', 'submit', 'result', 'result']), sample([5], ['submit', 'result', 'status'])]);
		expect(result).toMatchObject({ jobs: 3, latenciesMs: [1, 3, 5], medianMs: 3, noticeMedianMs: 2, fetchMedianMs: 1 });
		expect(result.requestsPerJob).toBeCloseTo(7 / 3);
		expect(result.requestsByKind.submit).toBeCloseTo(1);
		expect(result.requestsByKind.status).toBeCloseTo(1 / 3);
	});

	it('reports the fan-out round with the median wall / longest job, listing every round', () => {
		const round = (wallMs: number): FanOutResult => ({ label: 'x', jobs: 50, limit: 50, serverConcurrency: 50, wallMs, longestJobMs: 1000, idealWallMs: 1000, requestsPerJob: 3, submitSpreadMs: 5, lastResultLagMs: 5 });
		const median = medianFanOutRound([round(1300), round(1010), round(1100)]);
		expect(median.wallMs).toBe(1100);
		expect(median.roundRatios).toEqual([1.3, 1.01, 1.1]);
	});

	it('pools CPU rounds per item over all items', () => {
		const round = (items: number, cpuMsPerItem: number): CpuResult => ({ subject: 'node', items, concurrency: 4, cpuMsPerItem, wallMs: 100, requestsPerItem: 3 });
		expect(pooledCpu([round(50, 2), round(150, 4)])).toMatchObject({ items: 200, cpuMsPerItem: 3.5, wallMs: 200, requestsPerItem: 3 });
	});
});
