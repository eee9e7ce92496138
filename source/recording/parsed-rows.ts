import type {RecordedDiskSample, RecordedMetric, RecordedSample} from './recording.js';

/** What a process-file parser makes of one file's complete lines (pure: text in, rows out). */
export type ParsedProcessFile = {
	/** The role the rows name (`Daemon` column), or undefined when the format has none (monitor.py). */
	readonly role: string | undefined;
	readonly version: string | undefined;
	readonly samples: RecordedSample[];
	/** Metrics the header has no column for. */
	readonly missing: RecordedMetric[];
	/** Rows that could not be read (a bad timestamp, a PID that is not a number): how many. */
	readonly badRows: number;
};

export type ParsedDiskFile = {
	readonly paths: Array<{readonly path: string; readonly samples: RecordedDiskSample[]}>;
	readonly badRows: number;
};
