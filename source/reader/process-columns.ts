import {type RecordedMetric, recordedMetrics, type RecordedProcess} from './recording.js';

const emptyColumn = (capacity: number): Float64Array => new Float64Array(capacity).fill(Number.NaN);

/**
 * The rows of one process role as they are read: a column per field that grows by doubling, so a
 * folder read again while it is recorded appends without copying what it has. Parsers write into
 * the arrays directly (`reserve`, then index `length`), which is what makes millions of rows cheap.
 */
export class ProcessColumns {
	length = 0;
	times: Float64Array;
	pids: Float64Array;
	values: Record<RecordedMetric, Float64Array>;
	/** False once a row came in earlier than the one before (rows of two files of one role interleave). */
	sorted = true;

	constructor(capacity = 64) {
		this.times = new Float64Array(capacity);
		this.pids = new Float64Array(capacity);
		this.values = {} as Record<RecordedMetric, Float64Array>;
		for (const metric of recordedMetrics) {
			this.values[metric] = emptyColumn(capacity);
		}
	}

	/** Room for `more` rows after `length`. Columns may be replaced: read them again afterwards. */
	reserve(more: number): void {
		const needed = this.length + more;
		if (needed <= this.times.length) {
			return;
		}

		const capacity = Math.max(needed, this.times.length * 2);
		const grow = (column: Float64Array, fill: boolean): Float64Array => {
			const larger = fill ? emptyColumn(capacity) : new Float64Array(capacity);
			larger.set(column.subarray(0, this.length));
			return larger;
		};

		this.times = grow(this.times, false);
		this.pids = grow(this.pids, false);
		for (const metric of recordedMetrics) {
			this.values[metric] = grow(this.values[metric], true);
		}
	}

	/** Notes the time of the row just written at `length` and counts it. */
	commit(time: number): void {
		if (this.length > 0 && time < this.times[this.length - 1]!) {
			this.sorted = false;
		}

		this.times[this.length] = time;
		this.length++;
	}

	/** Appends another role's rows (one program's files, one per PID). */
	append(other: ProcessColumns): void {
		this.reserve(other.length);
		const at = this.length;
		const count = other.length;
		this.times.set(other.times.subarray(0, count), at);
		this.pids.set(other.pids.subarray(0, count), at);
		for (const metric of recordedMetrics) {
			this.values[metric].set(other.values[metric].subarray(0, count), at);
		}

		if (!other.sorted || (at > 0 && count > 0 && other.times[0]! < this.times[at - 1]!)) {
			this.sorted = false;
		}

		this.length += count;
	}

	/** Puts the rows in time order (stable: rows of one time keep the order they were read in). */
	sort(): void {
		if (this.sorted) {
			return;
		}

		const {length, times} = this;
		const order = Array.from({length}, (_, index) => index).sort((a, b) => times[a]! - times[b]! || a - b);
		const permute = (column: Float64Array): void => {
			const copy = column.slice(0, length);
			for (let index = 0; index < length; index++) {
				column[index] = copy[order[index]!]!;
			}
		};

		permute(this.times);
		permute(this.pids);
		for (const metric of recordedMetrics) {
			permute(this.values[metric]);
		}

		this.sorted = true;
	}

	/** A view of the rows read so far (no copy: the next rows are appended after them). */
	view(role: string, daemon: string, childIndex: number, files: readonly string[]): RecordedProcess {
		this.sort();
		const {length} = this;
		const values = {} as Record<RecordedMetric, Float64Array>;
		for (const metric of recordedMetrics) {
			values[metric] = this.values[metric].subarray(0, length);
		}

		return {role, daemon, childIndex, files, length, times: this.times.subarray(0, length), pids: this.pids.subarray(0, length), values};
	}
}
