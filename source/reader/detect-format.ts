import type {RecordingFormat} from './recording.js';

/** What one CSV file is, told by its header line alone. */
export type FileKind =
	| {readonly kind: 'process'; readonly format: RecordingFormat}
	| {readonly kind: 'disk'; readonly format: RecordingFormat}
	| {readonly kind: 'unknown'};

/** The columns both this tool and the Python original start every process file with. */
const toolProcessStart = ['Daemon', 'Version', 'Timestamp', 'PID', 'CPU(%)'];
/** monitor.py's BASE_CSV_HEADER starts so (wazuh/wazuh src/engine/tools/devContainer/scripts/monitor.py). */
const monitor5ProcessStart = ['timestamp', 'elapsed_s', 'pid', 'uptime_sec', 'cpu_pct'];
const toolDiskStart = ['File', 'Timestamp', 'Path'];

const startsWith = (header: readonly string[], start: readonly string[]): boolean => start.every((name, index) => header[index] === name);

/**
 * This tool and the Python original write the same process columns but for the last ones: only
 * this tool writes `Threads` (and the speed columns, which later versions of the original have
 * too). monitor.py's disk file is `timestamp,elapsed_s,dir_<name>_mb...`; its other files
 * (stats-api-*.csv, logs.csv) start with `timestamp,elapsed_s` too but hold no process or disk data.
 */
export function detectFileKind(header: readonly string[]): FileKind {
	if (startsWith(header, toolProcessStart)) {
		return {kind: 'process', format: header.includes('Threads') ? 'wazuh-metrics' : 'python-original'};
	}

	if (startsWith(header, monitor5ProcessStart)) {
		return {kind: 'process', format: 'wazuh5-monitor'};
	}

	if (startsWith(header, toolDiskStart) && header.some(name => /^Size\((?:KB|MB|GB|TB)\)$/.test(name))) {
		// Both tools write the same disk columns; which one wrote it is told by the process files.
		return {kind: 'disk', format: 'wazuh-metrics'};
	}

	if (header[0] === 'timestamp' && header[1] === 'elapsed_s' && header.length > 2 && header.slice(2).every(name => /^dir_.+_mb$/.test(name))) {
		return {kind: 'disk', format: 'wazuh5-monitor'};
	}

	return {kind: 'unknown'};
}
