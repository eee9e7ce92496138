import type {MetricSpec} from './metric-spec.js';

/**
 * The one registry of per-process metrics. Everything that names a metric derives from it, by the
 * literal keys below (`ProcessMetric`): the CSV header and row (csv-row.ts), the column plan of each
 * recording format read back (source/reader), the live history (history-store.ts), a daemon's total
 * (daemon-totals.ts, by `fold`), the Prometheus families (source/export), the report's series
 * (source/report) and the table's columns (source/ui). A consumer that names a metric the registry
 * lacks does not type-check. Each key is also the `ProcessSample` property holding the raw value.
 *
 * Raw values: bytes for `bytes`, bytes/s for `rate`, % of one core for `percent`, seconds for
 * `seconds`; units are the consumers' business (`-u` for the CSV, base units for Prometheus).
 */
export type MetricKind =
	/** A whole number (FD, threads, syscall counts). */
	| 'count'
	/** % of one core. */
	| 'percent'
	/** Bytes; written in the chosen unit. */
	| 'bytes'
	/** Bytes per second; written in the chosen unit per second. */
	| 'rate'
	/** Seconds (CPU time, a time since the epoch). */
	| 'seconds';

/**
 * How a metric aggregates over a daemon's processes of one tick (its total, Wazuh QA's sum of a
 * daemon and its children by Timestamp): `sum`, or `first` (the daemon's own process's value,
 * for what does not add up, such as a start time).
 */
export type Fold = 'sum' | 'first';

export type MetricDef = {
	readonly kind: MetricKind;
	readonly fold: Fold;
	/**
	 * Column name, without its unit suffix, in this tool's CSVs and the Python original's (which
	 * has the first columns of ours, in the same order); absent: not a CSV column. The registry's
	 * order is the column order.
	 */
	readonly csv?: string;
	/** Column of Wazuh 5's monitor.py process files, and what turns its value into the raw unit. */
	readonly monitor5?: {readonly column: string; readonly factor: number};
	/** Kept per role in the live view's history (charts, sparklines, growth). */
	readonly history?: true;
	/**
	 * Followed tick by tick by `report` (spread, trend, comparison), under this key of the report's
	 * JSON, at this place in its tables.
	 */
	readonly report?: {readonly key: string; readonly order: number};
	/** Its Prometheus family; none for percentages and rates, which rate() computes. */
	readonly prometheus?: MetricSpec;
};

const mebibyte = 1024 * 1024;
const gauge = (family: string, help: string): MetricSpec => ({family, type: 'gauge', help});
const counter = (family: string, help: string, labels?: Record<string, string>): MetricSpec => ({family, type: 'counter', help, labels});
const cpuHelp = 'CPU time of the process since it started, by mode (user, system)';

export const processMetrics = {
	cpuPercent: {kind: 'percent', fold: 'sum', csv: 'CPU', monitor5: {column: 'cpu_pct', factor: 1}, history: true, report: {key: 'cpu', order: 0}},
	vms: {
		kind: 'bytes', fold: 'sum', csv: 'VMS', monitor5: {column: 'vms_mb', factor: mebibyte}, report: {key: 'vms', order: 5},
		prometheus: gauge('wazuh_metrics_process_virtual_memory_bytes', 'Virtual memory size (stat vsize)'),
	},
	rss: {
		kind: 'bytes', fold: 'sum', csv: 'RSS', monitor5: {column: 'rss_mb', factor: mebibyte}, history: true, report: {key: 'rss', order: 1},
		prometheus: gauge('wazuh_metrics_process_resident_memory_bytes', 'Resident memory (smaps_rollup Rss)'),
	},
	uss: {
		kind: 'bytes', fold: 'sum', csv: 'USS', history: true, report: {key: 'uss', order: 3},
		prometheus: gauge('wazuh_metrics_process_unique_memory_bytes', 'Memory private to the process (smaps_rollup Private_Clean + Private_Dirty)'),
	},
	pss: {
		kind: 'bytes', fold: 'sum', csv: 'PSS', history: true, report: {key: 'pss', order: 2},
		prometheus: gauge('wazuh_metrics_process_proportional_memory_bytes', 'Proportional set size: shared pages divided among their users (smaps_rollup Pss)'),
	},
	swap: {
		kind: 'bytes', fold: 'sum', csv: 'SWAP', history: true, report: {key: 'swap', order: 4},
		prometheus: gauge('wazuh_metrics_process_swap_bytes', 'Memory swapped out (smaps_rollup Swap)'),
	},
	fd: {
		kind: 'count', fold: 'sum', csv: 'FD', monitor5: {column: 'fds', factor: 1}, history: true, report: {key: 'fd', order: 6},
		prometheus: gauge('wazuh_metrics_process_open_fds', 'Open file descriptors'),
	},
	readOps: {kind: 'count', fold: 'sum', csv: 'Read_Ops', prometheus: counter('wazuh_metrics_process_read_syscalls', 'Read system calls (io syscr)')},
	writeOps: {kind: 'count', fold: 'sum', csv: 'Write_Ops', prometheus: counter('wazuh_metrics_process_write_syscalls', 'Write system calls (io syscw)')},
	diskRead: {
		kind: 'bytes', fold: 'sum', csv: 'Disk_Read', monitor5: {column: 'read_bytes', factor: 1},
		prometheus: counter('wazuh_metrics_process_read_bytes', 'Bytes read from storage (io read_bytes)'),
	},
	diskWritten: {
		kind: 'bytes', fold: 'sum', csv: 'Disk_Written', monitor5: {column: 'write_bytes', factor: 1},
		prometheus: counter('wazuh_metrics_process_written_bytes', 'Bytes sent to storage (io write_bytes)'),
	},
	diskReadSpeed: {kind: 'rate', fold: 'sum', csv: 'Disk_Read_Speed', history: true},
	diskWriteSpeed: {kind: 'rate', fold: 'sum', csv: 'Disk_Write_Speed', history: true},
	// Last of the CSV columns: Wazuh QA's readers select columns by name, so a column added at the end is safe.
	threads: {
		kind: 'count', fold: 'sum', csv: 'Threads', monitor5: {column: 'threads', factor: 1}, history: true, report: {key: 'threads', order: 7},
		prometheus: gauge('wazuh_metrics_process_threads', 'Threads of the process (stat num_threads)'),
	},
	// The two parts of cpuPercent (user and kernel mode), for the detail view: neither a CSV column
	// (the CSV keeps the original's) nor exported (the CPU seconds below are, by mode).
	cpuUserPercent: {kind: 'percent', fold: 'sum'},
	cpuSystemPercent: {kind: 'percent', fold: 'sum'},
	// Exported only: the CSV has CPU(%) instead, as the original script wrote it.
	cpuUserSeconds: {kind: 'seconds', fold: 'sum', prometheus: counter('wazuh_metrics_process_cpu_seconds', cpuHelp, {mode: 'user'})},
	cpuSystemSeconds: {kind: 'seconds', fold: 'sum', prometheus: counter('wazuh_metrics_process_cpu_seconds', cpuHelp, {mode: 'system'})},
	startTime: {
		kind: 'seconds', fold: 'first',
		prometheus: gauge('wazuh_metrics_process_start_time_seconds', 'Start time of the process since the epoch (boot time + stat starttime)'),
	},
} as const satisfies Record<string, MetricDef>;

export type ProcessMetric = keyof typeof processMetrics;
type Registry = typeof processMetrics;

/** Every metric, in the registry's order (the CSV's column order for those that are columns). */
export const allProcessMetrics = Object.keys(processMetrics) as ProcessMetric[];

/** The metrics whose definition has the property `P`, as a literal union. */
type MetricsWith<P extends string> = {[K in ProcessMetric]: P extends keyof Registry[K] ? K : never}[ProcessMetric];

function metricsWith<P extends keyof MetricDef>(property: P): ReadonlyArray<MetricsWith<P>> {
	return allProcessMetrics.filter(metric => (processMetrics[metric] as MetricDef)[property] !== undefined) as Array<MetricsWith<P>>;
}

/** The CSV columns that are metrics, in column order (after Daemon, Version, Timestamp, PID). */
export const csvMetrics = metricsWith('csv');
type CsvMetric = (typeof csvMetrics)[number];

/**
 * What a recording read back holds: the CSV columns (a format lacking some has NaN there).
 * @alias of csvMetrics, named for the reader's side.
 */
export const recordedMetrics = csvMetrics;
export type RecordedMetric = CsvMetric;

/** Kept as history per role by the live view. */
export const historyMetrics = metricsWith('history');
export type HistoryMetric = (typeof historyMetrics)[number];

/** Followed tick by tick by the report, in the order of its tables. */
export const reportMetrics = [...metricsWith('report')].sort((a, b) => processMetrics[a].report.order - processMetrics[b].report.order);
export type ReportMetric = (typeof reportMetrics)[number];

/** Exported to Prometheus, in the exposition's order. */
export const exportedMetrics = metricsWith('prometheus');

/** Added up over a daemon's processes for its total. */
export const summedMetrics = allProcessMetrics.filter(metric => processMetrics[metric].fold === 'sum');
