import {numberBytes, numberCell, splitCsvLine} from './csv-lines.js';
import type {ProcessColumns} from './process-columns.js';
import type {RecordedMetric} from './recording.js';
import {TimestampParser} from './timestamps.js';

/** Where a format keeps each field of a process row, found from a file's header. */
export type ProcessRowPlan = {
	readonly timeCell: number;
	readonly pidCell: number;
	/** Timestamps in UTC (`…Z`, monitor.py) rather than local time. */
	readonly utc: boolean;
	/** The cell naming the role (`Daemon`), -1 when the format has none. */
	readonly roleCell: number;
	readonly versionCell: number;
	/** The cells holding a metric, and what to multiply each by to get a live sample's unit. */
	readonly metrics: ReadonlyArray<{readonly cell: number; readonly metric: RecordedMetric; readonly factor: number}>;
	/** Metrics the header has no column for. */
	readonly missing: readonly RecordedMetric[];
};

const comma = 44;
const newline = 10;
const carriageReturn = 13;
const quote = 34;
const utf8 = new TextDecoder();

/**
 * Reads the rows of one process file into its columns, a chunk of complete lines at a time (a folder
 * being recorded is read again from where the last read stopped). Works on the bytes: one pass
 * finds the commas, the cells wanted are read as numbers in place. A line with a quote (none of
 * the writers quotes a number, but a file may be odd) takes the slow path of strings.
 */
export class ProcessRowReader {
	/** The role the rows name (`Daemon` column), once a row gave one. */
	role: string | undefined;
	version: string | undefined;
	/** Rows that could not be read (no timestamp, no PID; the original's empty row after a failed sample). */
	badRows = 0;
	private readonly timestamps: TimestampParser;
	private readonly ends: Int32Array;
	private readonly cells: Int32Array;
	private readonly factors: Float64Array;
	private readonly metrics: readonly RecordedMetric[];
	private readonly targets: Float64Array[];

	constructor(readonly plan: ProcessRowPlan, readonly columns: ProcessColumns) {
		this.timestamps = new TimestampParser(plan.utc);
		const highest = Math.max(plan.timeCell, plan.pidCell, plan.roleCell, plan.versionCell, ...plan.metrics.map(each => each.cell));
		this.ends = new Int32Array(highest + 2);
		this.cells = Int32Array.from(plan.metrics, each => each.cell);
		this.factors = Float64Array.from(plan.metrics, each => each.factor);
		this.metrics = plan.metrics.map(each => each.metric);
		this.targets = this.metrics.map(metric => columns.values[metric]);
	}

	/** Reads the lines of `bytes` from `start` to `end`; `end` is just after a newline. */
	read(bytes: Buffer, start: number, end: number): void {
		// Room for every line at once: growing by doubling would fill and copy each column ~10 times.
		let lines = 0;
		for (let at = bytes.indexOf(newline, start); at >= 0 && at < end; at = bytes.indexOf(newline, at + 1)) {
			lines++;
		}

		this.columns.reserve(lines);
		this.retarget();
		const {ends} = this;
		const capacity = ends.length;
		let lineStart = start;
		let cell = 0;
		let quoted = false;
		for (let index = start; index < end; index++) {
			const code = bytes[index]!;
			if (code === comma) {
				if (cell < capacity) {
					ends[cell] = index;
				}

				cell++;
			} else if (code === newline) {
				// Python's csv module ends rows with \r\n.
				const lineEnd = index > lineStart && bytes[index - 1] === carriageReturn ? index - 1 : index;
				if (cell < capacity) {
					ends[cell] = lineEnd;
				}

				cell++;
				if (lineEnd === lineStart) {
					// The original writes an empty row when a sample failed (an exception before any value).
					this.badRows++;
				} else if (quoted) {
					this.quotedRow(utf8.decode(bytes.subarray(lineStart, lineEnd)));
				} else {
					this.row(bytes, lineStart, Math.min(cell, capacity));
				}

				lineStart = index + 1;
				cell = 0;
				quoted = false;
			} else if (code === quote) {
				quoted = true;
			}
		}
	}

	private cellStart(lineStart: number, cell: number): number {
		return cell === 0 ? lineStart : this.ends[cell - 1]! + 1;
	}

	private row(bytes: Uint8Array, lineStart: number, count: number): void {
		const {plan, ends, columns} = this;
		const time = plan.timeCell < count ? this.timestamps.parseBytes(bytes, this.cellStart(lineStart, plan.timeCell), ends[plan.timeCell]!) : undefined;
		const pid = plan.pidCell < count ? numberBytes(bytes, this.cellStart(lineStart, plan.pidCell), ends[plan.pidCell]!) : Number.NaN;
		if (time === undefined || Number.isNaN(pid)) {
			this.badRows++;
			return;
		}

		if (this.role === undefined && plan.roleCell >= 0 && plan.roleCell < count) {
			this.role = utf8.decode(bytes.subarray(this.cellStart(lineStart, plan.roleCell), ends[plan.roleCell])) || undefined;
		}

		// The original writes Python's None as an empty cell when no version was given.
		if (this.version === undefined && plan.versionCell >= 0 && plan.versionCell < count) {
			this.version = utf8.decode(bytes.subarray(this.cellStart(lineStart, plan.versionCell), ends[plan.versionCell])) || undefined;
		}

		const at = this.reserve();
		columns.pids[at] = pid;
		const {cells, factors, targets} = this;
		for (let index = 0; index < cells.length; index++) {
			const cell = cells[index]!;
			// A short row (a file cut by a crash, an older writer) leaves the rest NaN.
			targets[index]![at] = cell < count ? numberBytes(bytes, cell === 0 ? lineStart : ends[cell - 1]! + 1, ends[cell]!) * factors[index]! : Number.NaN;
		}

		columns.commit(time);
	}

	private quotedRow(line: string): void {
		const {plan, columns} = this;
		const cells = splitCsvLine(line);
		const time = this.timestamps.parse(cells[plan.timeCell] ?? '');
		const pid = numberCell(cells[plan.pidCell]);
		if (time === undefined || pid === undefined) {
			this.badRows++;
			return;
		}

		if (plan.roleCell >= 0) {
			this.role ??= cells[plan.roleCell] || undefined;
		}

		if (plan.versionCell >= 0) {
			this.version ??= cells[plan.versionCell] || undefined;
		}

		const at = this.reserve();
		columns.pids[at] = pid;
		for (const [index, {cell}] of plan.metrics.entries()) {
			this.targets[index]![at] = (numberCell(cells[cell]) ?? Number.NaN) * this.factors[index]!;
		}

		columns.commit(time);
	}

	/** The index of the next row, after making room for it (the columns may have been replaced). */
	private reserve(): number {
		const {columns} = this;
		if (columns.length === columns.times.length) {
			columns.reserve(1);
			this.retarget();
		}

		return columns.length;
	}

	/** The columns written to, again after they may have been replaced by a larger one. */
	private retarget(): void {
		for (const [index, metric] of this.metrics.entries()) {
			this.targets[index] = this.columns.values[metric];
		}
	}
}
