/**
 * Rendering the results as a markdown table: one row per metric, ours against the official
 * client, with the ratio oriented so that above 1 always means ours is better.
 */

export interface MetricRow {
	metric: string;
	unit: string;
	ours: number;
	/** Absent when the baseline could not be measured for this metric. */
	baseline?: number;
	/** Which direction is better; decides how the ratio is taken. */
	better: 'lower' | 'higher';
	/** Digits after the decimal point for ours and baseline. */
	decimals?: number;
	/** The goal for ours, e.g. "< 20 ms", and whether the measured value reaches it. */
	target?: { text: string; met: (ours: number) => boolean };
}

export const TABLE_HEADER = ['Metric', 'Ours', 'Baseline (official @fal-ai/client)', 'Ratio (× better, >1 = ours better)', 'Target', 'Met?'];

/**
 * How many times better ours is: baseline / ours when lower is better, ours / baseline when
 * higher is better. Undefined when there is no baseline or a zero denominator.
 */
export function betterRatio(row: Pick<MetricRow, 'ours' | 'baseline' | 'better'>): number | undefined {
	if (row.baseline === undefined) return undefined;
	const [numerator, denominator] = row.better === 'lower' ? [row.baseline, row.ours] : [row.ours, row.baseline];
	return denominator === 0 ? undefined : numerator / denominator;
}

export function formatNumber(value: number, decimals = 0): string {
	return Number.isFinite(value) ? value.toFixed(decimals) : 'n/a';
}

/** The cells of one row, in TABLE_HEADER order. */
export function rowCells(row: MetricRow): string[] {
	const withUnit = (value: number) => `${formatNumber(value, row.decimals)} ${row.unit}`.trim();
	const ratio = betterRatio(row);
	return [
		row.metric,
		withUnit(row.ours),
		row.baseline === undefined ? 'not measured' : withUnit(row.baseline),
		ratio === undefined ? '—' : `${ratio.toFixed(ratio >= 10 ? 0 : 2)}×`,
		row.target?.text ?? '—',
		row.target ? (row.target.met(row.ours) ? 'yes' : 'NO') : '—',
	];
}

/** A GitHub-flavoured markdown table; `|` inside cells is escaped, columns are padded to line up. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
	const all = [header, ...rows].map((cells) => header.map((_, column) => escape(cells[column] ?? '')));
	const widths = header.map((_, column) => Math.max(3, ...all.map((cells) => cells[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
	return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}
