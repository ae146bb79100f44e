/**
 * Rendering the results as markdown tables: one row per metric, ours (the path users run) in
 * the first value column, then each baseline measured in the same run, with its ratio against
 * ours in the same cell, oriented so that above 1 always means ours is better.
 */

/** A baseline's value; a string says why there is none (e.g. "no download API"). */
export type BaselineCell = number | string | undefined;

export interface MetricRow {
	metric: string;
	unit: string;
	/** Undefined when our measurement failed (the run's errors say why). */
	ours: number | undefined;
	/** In the order of the table's baseline columns; undefined = not measured. */
	baselines: BaselineCell[];
	/** Which direction is better; decides how the ratio is taken. */
	better: 'lower' | 'higher';
	/** Digits after the decimal point for the values. */
	decimals?: number;
	/** The goal for ours, e.g. "< 20 ms", and whether the measured value reaches it. */
	target?: { text: string; met: (ours: number) => boolean };
}

/** The header of a table with ours and these baselines. */
export function tableHeader(ours: string, baselines: readonly string[]): string[] {
	return ['Metric', ours, ...baselines, 'Target', 'Met?'];
}

/**
 * How many times better ours is: baseline / ours when lower is better, ours / baseline when
 * higher is better. Undefined when a value is missing or the denominator is zero.
 */
export function betterRatio(row: { ours: number | undefined; baseline: number | undefined; better: 'lower' | 'higher' }): number | undefined {
	if (row.baseline === undefined || row.ours === undefined) return undefined;
	const [numerator, denominator] = row.better === 'lower' ? [row.baseline, row.ours] : [row.ours, row.baseline];
	return denominator === 0 ? undefined : numerator / denominator;
}

export function formatNumber(value: number, decimals = 0): string {
	return Number.isFinite(value) ? value.toFixed(decimals) : 'n/a';
}

export function formatRatio(ratio: number | undefined): string {
	return ratio === undefined ? '—' : `${ratio.toFixed(ratio >= 10 ? 0 : 2)}×`;
}

/** The cells of one row, in {@link tableHeader} order. */
export function rowCells(row: MetricRow): string[] {
	const withUnit = (value: number) => `${formatNumber(value, row.decimals)} ${row.unit}`.trim();
	const baselineCell = (cell: BaselineCell): string => {
		if (cell === undefined) return 'not measured';
		if (typeof cell === 'string') return cell;
		const ratio = betterRatio({ ours: row.ours, baseline: cell, better: row.better });
		return ratio === undefined ? withUnit(cell) : `${withUnit(cell)} (${formatRatio(ratio)})`;
	};
	return [
		row.metric,
		row.ours === undefined ? 'failed' : withUnit(row.ours),
		...row.baselines.map(baselineCell),
		row.target?.text ?? '—',
		row.target ? (row.ours !== undefined && row.target.met(row.ours) ? 'yes' : 'NO') : '—',
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
