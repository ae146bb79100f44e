/**
 * Follows a process's resident set size while something runs, to report how much memory that
 * work added at its peak. Sampling is periodic, so a spike shorter than the interval can be
 * missed; a final sample is taken on stop so the end state always counts.
 */

export interface RssSummary {
	/** RSS when sampling started (bytes). */
	baselineBytes: number;
	/** Highest RSS seen (bytes). */
	peakBytes: number;
	/** peak − baseline, never negative (bytes). */
	growthBytes: number;
	samples: number;
}

export interface RssSamplerOptions {
	intervalMs?: number;
	/** Where the RSS comes from; the current process by default. */
	read?: () => number;
}

export class RssSampler {
	private readonly read: () => number;
	private readonly intervalMs: number;
	private timer?: NodeJS.Timeout;
	private baseline = 0;
	private peak = 0;
	private samples = 0;

	constructor(options: RssSamplerOptions = {}) {
		this.read = options.read ?? (() => process.memoryUsage.rss());
		this.intervalMs = options.intervalMs ?? 20;
	}

	/** Takes the baseline sample and starts sampling every interval. */
	start(): void {
		if (this.timer) throw new Error('RssSampler already started');
		this.baseline = this.read();
		this.peak = this.baseline;
		this.samples = 1;
		this.timer = setInterval(() => this.sample(), this.intervalMs);
	}

	/** Stops sampling (after one last sample) and summarises. */
	stop(): RssSummary {
		if (!this.timer) throw new Error('RssSampler was not started');
		clearInterval(this.timer);
		this.timer = undefined;
		this.sample();
		return {
			baselineBytes: this.baseline,
			peakBytes: this.peak,
			growthBytes: Math.max(0, this.peak - this.baseline),
			samples: this.samples,
		};
	}

	private sample(): void {
		this.peak = Math.max(this.peak, this.read());
		this.samples++;
	}
}
