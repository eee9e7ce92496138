import type {ProcessSample} from './snapshot.js';
import type {MetricSpec} from './metric-spec.js';
import {type ByteUnit, round, unitFactor} from './units.js';

/**
 * The one registry of per-process fields. The CSV header and row are generated from it, the UI's
 * table columns name their field by `key`, and the Prometheus exposition (source/export) takes each
 * field's `metric`, so the live view, the recording and the scrape cannot drift.
 */
export type FieldKind =
	/** Free text (names, timestamps). */
	| 'text'
	/** A whole number (PID, FD, syscall counts). */
	| 'count'
	/** % of one core. */
	| 'percent'
	/** Bytes; written in the chosen unit. */
	| 'bytes'
	/** Bytes per second; written in the chosen unit per second. */
	| 'rate'
	/** Seconds (CPU time, a time since the epoch). */
	| 'seconds';

export type RowContext = {
	readonly version: string;
	readonly timestamp: string;
	readonly unit: ByteUnit;
};

export type ProcessField = {
	/** Stable identifier, used by UI columns. */
	readonly key: string;
	/** CSV column name without its unit suffix. */
	readonly name: string;
	readonly kind: FieldKind;
	/** Raw value: bytes for `bytes`, bytes/s for `rate`; undefined when unreadable. */
	readonly value: (sample: ProcessSample, context: RowContext) => string | number | undefined;
	/** How the field is exported to Prometheus; none for percentages and rates (rate() computes those). */
	readonly metric?: MetricSpec;
	/**
	 * false: not a CSV column. The CSV keeps the original script's columns (Wazuh QA's readers), so
	 * fields only an exporter needs (CPU seconds by mode, the start time) stay out of it.
	 */
	readonly csv?: boolean;
};

const sampleField = (
	key: string,
	name: string,
	kind: FieldKind,
	pick: (sample: ProcessSample) => number | undefined,
	extra: Pick<ProcessField, 'metric' | 'csv'> = {},
): ProcessField => ({key, name, kind, value: sample => pick(sample), ...extra});

const gauge = (family: string, help: string): {metric: MetricSpec} => ({metric: {family, type: 'gauge', help}});
const counter = (family: string, help: string, labels?: Record<string, string>): {metric: MetricSpec} => ({metric: {family, type: 'counter', help, labels}});
const cpuHelp = 'CPU time of the process since it started, by mode (user, system)';

export const processFields: readonly ProcessField[] = [
	{key: 'daemon', name: 'Daemon', kind: 'text', value: sample => sample.name},
	{key: 'version', name: 'Version', kind: 'text', value: (_sample, context) => context.version},
	{key: 'timestamp', name: 'Timestamp', kind: 'text', value: (_sample, context) => context.timestamp},
	sampleField('pid', 'PID', 'count', sample => sample.pid),
	sampleField('cpu', 'CPU', 'percent', sample => sample.cpuPercent),
	sampleField('vms', 'VMS', 'bytes', sample => sample.vms, gauge('wazuh_metrics_process_virtual_memory_bytes', 'Virtual memory size (stat vsize)')),
	sampleField('rss', 'RSS', 'bytes', sample => sample.rss, gauge('wazuh_metrics_process_resident_memory_bytes', 'Resident memory (smaps_rollup Rss)')),
	sampleField('uss', 'USS', 'bytes', sample => sample.uss, gauge('wazuh_metrics_process_unique_memory_bytes', 'Memory private to the process (smaps_rollup Private_Clean + Private_Dirty)')),
	sampleField('pss', 'PSS', 'bytes', sample => sample.pss, gauge('wazuh_metrics_process_proportional_memory_bytes', 'Proportional set size: shared pages divided among their users (smaps_rollup Pss)')),
	sampleField('swap', 'SWAP', 'bytes', sample => sample.swap, gauge('wazuh_metrics_process_swap_bytes', 'Memory swapped out (smaps_rollup Swap)')),
	sampleField('fd', 'FD', 'count', sample => sample.fd, gauge('wazuh_metrics_process_open_fds', 'Open file descriptors')),
	sampleField('readOps', 'Read_Ops', 'count', sample => sample.readOps, counter('wazuh_metrics_process_read_syscalls', 'Read system calls (io syscr)')),
	sampleField('writeOps', 'Write_Ops', 'count', sample => sample.writeOps, counter('wazuh_metrics_process_write_syscalls', 'Write system calls (io syscw)')),
	sampleField('diskRead', 'Disk_Read', 'bytes', sample => sample.diskRead, counter('wazuh_metrics_process_read_bytes', 'Bytes read from storage (io read_bytes)')),
	sampleField('diskWritten', 'Disk_Written', 'bytes', sample => sample.diskWritten, counter('wazuh_metrics_process_written_bytes', 'Bytes sent to storage (io write_bytes)')),
	sampleField('diskReadSpeed', 'Disk_Read_Speed', 'rate', sample => sample.diskReadSpeed),
	sampleField('diskWriteSpeed', 'Disk_Write_Speed', 'rate', sample => sample.diskWriteSpeed),
	// Last: Wazuh QA's readers select columns by name, so a column added at the end is safe.
	sampleField('threads', 'Threads', 'count', sample => sample.threads, gauge('wazuh_metrics_process_threads', 'Threads of the process (stat num_threads)')),
	// Exported only: the CSV has CPU(%) instead, as the original script wrote it.
	sampleField('cpuUser', 'CPU_User', 'seconds', sample => sample.cpuUserSeconds, {csv: false, ...counter('wazuh_metrics_process_cpu_seconds', cpuHelp, {mode: 'user'})}),
	sampleField('cpuSystem', 'CPU_System', 'seconds', sample => sample.cpuSystemSeconds, {csv: false, ...counter('wazuh_metrics_process_cpu_seconds', cpuHelp, {mode: 'system'})}),
	sampleField('startTime', 'Start_Time', 'seconds', sample => sample.startTime, {
		csv: false,
		...gauge('wazuh_metrics_process_start_time_seconds', 'Start time of the process since the epoch (boot time + stat starttime)'),
	}),
];

/** `CPU(%)`, `RSS(KB)`, `Disk_Read_Speed(KB/s)`, `PID`. */
export function csvColumnName(field: ProcessField, unit: ByteUnit): string {
	switch (field.kind) {
		case 'percent': {
			return `${field.name}(%)`;
		}

		case 'bytes': {
			return `${field.name}(${unit})`;
		}

		case 'rate': {
			return `${field.name}(${unit}/s)`;
		}

		default: {
			return field.name;
		}
	}
}

/** The fields that are CSV columns, in column order. */
export const processCsvFields: readonly ProcessField[] = processFields.filter(field => field.csv !== false);

export function processCsvHeader(unit: ByteUnit): string[] {
	return processCsvFields.map(field => csvColumnName(field, unit));
}

/** One CSV row: numbers in the chosen unit rounded to 2 decimals, unreadable fields empty. */
export function processCsvRow(sample: ProcessSample, context: RowContext): Array<string | number> {
	const factor = unitFactor(context.unit);
	return processCsvFields.map(field => {
		const value = field.value(sample, context);
		// An unreadable field is an empty cell; so is a non-finite number, which no reader can use.
		if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
			return '';
		}

		if (typeof value === 'string') {
			return value;
		}

		switch (field.kind) {
			case 'bytes':
			case 'rate': {
				return round(value / factor, 2);
			}

			case 'percent': {
				return round(value, 2);
			}

			default: {
				return value;
			}
		}
	});
}

export function fieldByKey(key: string): ProcessField {
	const field = processFields.find(candidate => candidate.key === key);
	if (!field) {
		throw new Error(`unknown process field ${key}`);
	}

	return field;
}
