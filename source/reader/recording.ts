/**
 * A recording read back from a session folder: what `report` summarises and `replay` browses.
 * One model for the three formats we read (this tool's CSVs, the Python original's, Wazuh 5's
 * monitor.py), so neither consumer knows which one it came from. Values are raw, in the units of a
 * live `ProcessSample` (bytes, bytes/s, % of one core); a column a format lacks is `undefined` on
 * every sample and named in `missingColumns`.
 */

/** Which writer produced the folder's CSVs. */
export type RecordingFormat =
	/** This tool: `Daemon,Version,Timestamp,PID,CPU(%),…,Disk_Write_Speed(<u>/s)[,Threads]`. */
	| 'wazuh-metrics'
	/** The Python package we replace: the same first 15 columns, no speed columns, no Threads. */
	| 'python-original'
	/** Wazuh 5's src/engine/tools/devContainer/scripts/monitor.py: `timestamp,elapsed_s,pid,…`, one file per process. */
	| 'wazuh5-monitor';

/** What a recording holds per row: the registry's CSV metrics (source/model/process-metrics.ts). */
export {type RecordedMetric, recordedMetrics} from '../model/process-metrics.js';
import type {RecordedMetric} from '../model/process-metrics.js';
import type {DaemonStats, StatsKind} from '../model/daemon-stats.js';

/** One row of one process file, as an object (the tests' fixtures, test/helpers/recorded.ts); undefined where the cell was empty. */
export type RecordedSample = {
	/** ms since the epoch (the row's timestamp read as local time, like the writer wrote it). */
	readonly time: number;
	readonly pid: number;
} & {readonly [K in RecordedMetric]: number | undefined};

/**
 * Every row of one process role (one CSV file, or one per PID for Wazuh 5's monitor), by time, a
 * column per metric. Columns, not a row object each: 8 hours of 20 daemons at 1 Hz are 1.7 million
 * rows, and an object per row (about 420 bytes with its boxed numbers) made reading them mostly the
 * garbage collector's work.
 */
export type RecordedProcess = {
	/** Role name as the live view names it: `wazuh-analysisd`, `wazuh_apid.py_child_2`. */
	readonly role: string;
	/** The daemon it belongs to (equal to `role` for the daemon's own process). */
	readonly daemon: string;
	/** 0 for the daemon's own process, else the i of `<daemon>_child_<i>`. */
	readonly childIndex: number;
	/** Files read for it, relative to the folder. */
	readonly files: readonly string[];
	/** How many rows. */
	readonly length: number;
	/** Each row's time, ms since the epoch, ascending. */
	readonly times: Float64Array;
	readonly pids: Float64Array;
	/** Each row's values in the units of a live `ProcessSample`; NaN where the cell was empty or the format has no such column. */
	readonly values: Readonly<Record<RecordedMetric, Float64Array>>;
};

export type RecordedDiskSample = {
	readonly time: number;
	/** Bytes; undefined when the path did not exist or could not be measured. */
	readonly size: number | undefined;
	readonly usagePercent: number | undefined;
};

export type RecordedDiskPath = {
	readonly path: string;
	readonly file: string;
	readonly samples: readonly RecordedDiskSample[];
};

/**
 * One daemon's own statistics as recorded (`<session>/stats/`, or monitor.py's `stats-api-*.csv`):
 * each row as the collector handed it over live (figures normalised by the collector's own
 * parsers; `raw` left empty), ascending by the daemon's time.
 */
export type RecordedStats = {
	/** The daemon's process name (`wazuh-analysisd`; `wazuh-manager-analysisd` on 5.x). */
	readonly daemon: string;
	readonly kind: StatsKind;
	/** Files read for it, relative to the folder. */
	readonly files: readonly string[];
	readonly rows: readonly DaemonStats[];
};

export type Recording = {
	/** The session folder, absolute. */
	readonly folder: string;
	readonly format: RecordingFormat;
	/** Host the recording was made on, when the folder says (`session.json`); else undefined. */
	readonly host: string | undefined;
	/** Recorded from `--demo` (a simulated manager), as the folder's `session.json` says; false when it does not. */
	readonly demo: boolean;
	/** Wazuh version written in the rows (the first non-empty one), or undefined. */
	readonly wazuhVersion: string | undefined;
	/** Seconds between samples: the recorded one when known, else the median step between rows. */
	readonly interval: number;
	readonly processes: readonly RecordedProcess[];
	readonly disk: readonly RecordedDiskPath[];
	/** Metrics this format does not have (every sample holds `undefined` for them). */
	readonly missingColumns: readonly RecordedMetric[];
	/** The daemons' own statistics, when the folder holds any (absent or empty otherwise). */
	readonly stats?: readonly RecordedStats[];
	/** What was skipped and why (a half-written last line, a file with an unknown header), one line each. */
	readonly problems: readonly string[];
};
