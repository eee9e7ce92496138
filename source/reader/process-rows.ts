import {numberBytes, numberCell, powersOfTen, splitCsvLine} from './csv-lines.js';
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
const dot = 46;
const minus = 45;
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
	/** The number each cell of the row being read holds, where `plain` says it is one. */
	private readonly numbers: Float64Array;
	private readonly plain: Uint8Array;
	private readonly cells: Int32Array;
	private readonly factors: Float64Array;
	private readonly metrics: readonly RecordedMetric[];
	private readonly targets: Float64Array[];

	constructor(readonly plan: ProcessRowPlan, readonly columns: ProcessColumns) {
		this.timestamps = new TimestampParser(plan.utc);
		const highest = Math.max(plan.timeCell, plan.pidCell, plan.roleCell, plan.versionCell, ...plan.metrics.map(each => each.cell));
		this.ends = new Int32Array(highest + 2);
		this.numbers = new Float64Array(highest + 2);
		this.plain = new Uint8Array(highest + 2);
		this.cells = Int32Array.from(plan.metrics, each => each.cell);
		this.factors = Float64Array.from(plan.metrics, each => each.factor);
		this.metrics = plan.metrics.map(each => each.metric);
		this.targets = this.metrics.map(metric => columns.values[metric]);
	}

	/**
	 * Reads the lines of `bytes` from `start` to `end`; `end` is just after a newline. One pass: each
	 * byte either ends a cell or adds to the number the cell is read as, so a number cell is never
	 * looked at twice. A cell that is not a plain `-?digits[.digits]` (a timestamp, a name, `nan`)
	 * is flagged and read from its bytes when wanted.
	 */
	read(bytes: Buffer, start: number, end: number): void {
		// Room for every line at once: growing by doubling would fill and copy each column ~10 times.
		let lines = 0;
		for (let at = bytes.indexOf(newline, start); at >= 0 && at < end; at = bytes.indexOf(newline, at + 1)) {
			lines++;
		}

		this.columns.reserve(lines);
		this.retarget();
		const {ends, numbers, plain} = this;
		const capacity = ends.length;
		let lineStart = start;
		let cellStart = start;
		let cell = 0;
		let quoted = false;
		let mantissa = 0;
		let digits = 0;
		let decimals = -1;
		let negative = false;
		let odd = false;
		for (let index = start; index < end; index++) {
			const code = bytes[index]!;
			if (code >= 48 && code <= 57) {
				mantissa = (mantissa * 10) + (code - 48);
				digits++;
				if (decimals >= 0) {
					decimals++;
				}

				continue;
			}

			if (code === comma || code === newline) {
				// Python's csv module ends rows with \r\n.
				const cellEnd = code === newline && index > cellStart && bytes[index - 1] === carriageReturn ? index - 1 : index;
				if (cell < capacity) {
					ends[cell] = cellEnd;
					// numberBytes' rule, inline (a call per cell here costs ~15 % of the read): up to 15
					// digits and 7 decimals, one division, rounded as Number() rounds; else the slow path.
					if (odd || digits === 0 || digits > 15 || decimals >= powersOfTen.length) {
						plain[cell] = 0;
					} else {
						plain[cell] = 1;
						const value = decimals > 0 ? mantissa / powersOfTen[decimals]! : mantissa;
						numbers[cell] = negative ? -value : value;
					}
				}

				cell++;
				mantissa = 0;
				digits = 0;
				decimals = -1;
				negative = false;
				odd = false;
				cellStart = index + 1;
				if (code === newline) {
					if (cellEnd === lineStart) {
						// The original writes an empty row when a sample failed (an exception before any value).
						this.badRows++;
					} else if (quoted) {
						this.quotedRow(utf8.decode(bytes.subarray(lineStart, cellEnd)));
					} else {
						this.row(bytes, lineStart, Math.min(cell, capacity));
					}

					lineStart = index + 1;
					cell = 0;
					quoted = false;
				}

				continue;
			}

			if (code === dot && decimals < 0) {
				decimals = 0;
			} else if (code === minus && index === cellStart) {
				negative = true;
			} else if (code !== carriageReturn) {
				odd = true;
				if (code === quote) {
					quoted = true;
				}
			}
		}
	}

	/** The number of a cell of the row just scanned (NaN when empty or not a number). */
	private numberOf(bytes: Uint8Array, lineStart: number, cell: number): number {
		return this.plain[cell] === 1 ? this.numbers[cell]! : numberBytes(bytes, this.cellStart(lineStart, cell), this.ends[cell]!);
	}

	private cellStart(lineStart: number, cell: number): number {
		return cell === 0 ? lineStart : this.ends[cell - 1]! + 1;
	}

	private row(bytes: Uint8Array, lineStart: number, count: number): void {
		const {plan, ends, columns} = this;
		const time = plan.timeCell < count ? this.timestamps.parseBytes(bytes, this.cellStart(lineStart, plan.timeCell), ends[plan.timeCell]!) : undefined;
		const pid = plan.pidCell < count ? this.numberOf(bytes, lineStart, plan.pidCell) : Number.NaN;
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
			targets[index]![at] = cell < count ? this.numberOf(bytes, lineStart, cell) * factors[index]! : Number.NaN;
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
