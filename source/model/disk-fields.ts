import type {DiskSample} from './snapshot.js';
import {formatTimestamp} from './timestamp.js';
import type {MetricSpec} from './metric-spec.js';
import {type DiskUnit, round, unitFactor} from './units.js';

/**
 * The one registry of per-path disk fields, like `processFields`: the disk CSV header and row are
 * generated from it, and the UI's disk panel can name its columns by `key`.
 */
type DiskFieldKind =
	/** Free text (basename, path, the tick's timestamp). */
	| 'text'
	/** Bytes; written in the `--disk-unit`. */
	| 'bytes'
	/** Share of the filesystem, in %. */
	| 'percent'
	/** ms since the epoch; written as a local `YYYY/MM/DD HH:MM:SS`, like the Timestamp. */
	| 'time';

export type DiskField = {
	/** Stable identifier, used by UI columns (`DiskFieldKey`). */
	readonly key: string;
	/** CSV column name without its unit suffix. */
	readonly name: string;
	readonly kind: DiskFieldKind;
	/** Raw value: bytes for `bytes`, epoch ms for `time`; undefined when unknown. */
	readonly value: (sample: DiskSample, timestamp: string) => string | number | undefined;
	/** How the field is exported to Prometheus (labels `path`, `file`); none for text and the percentage. */
	readonly metric?: MetricSpec;
};

const timeMetric = (family: string, help: string): MetricSpec => ({family, type: 'gauge', help, scale: 0.001});

/** Decimals of Size: 3, as in the original (1 MB resolution in GB). */
const diskSizeDecimals = 3;

/**
 * Decimals of Usage(%). Two would print 0 for anything under ~5 MB of a 50 GB disk, and a 1 GB log
 * on a 2 TB disk (0.049%) would move in steps of 20 MB. Four resolve a millionth of the filesystem:
 * 50 KB on 50 GB, 2 MB on 2 TB, about the resolution the Size column has in GB.
 */
const diskUsageDecimals = 4;

const diskFieldList = [
	{key: 'file', name: 'File', kind: 'text', value: sample => sample.file},
	{key: 'timestamp', name: 'Timestamp', kind: 'text', value: (_sample, timestamp) => timestamp},
	{key: 'path', name: 'Path', kind: 'text', value: sample => sample.path},
	{
		key: 'size', name: 'Size', kind: 'bytes', value: sample => sample.size,
		metric: {family: 'wazuh_metrics_path_size_bytes', type: 'gauge', help: 'Apparent size of the path; of a directory, the files below it (hard links once)'},
	},
	{key: 'usage', name: 'Usage', kind: 'percent', value: sample => sample.usagePercent},
	{key: 'mtime', name: 'Mod_time', kind: 'time', value: sample => sample.mtime, metric: timeMetric('wazuh_metrics_path_modify_time_seconds', 'Modification time of the path since the epoch')},
	{key: 'atime', name: 'Acc_time', kind: 'time', value: sample => sample.atime, metric: timeMetric('wazuh_metrics_path_access_time_seconds', 'Access time of the path since the epoch')},
	// Linux has no portable birth time; the original wrote st_ctime (change time) here.
	{key: 'ctime', name: 'Creat_time', kind: 'time', value: sample => sample.ctime, metric: timeMetric('wazuh_metrics_path_change_time_seconds', 'Change time (ctime) of the path since the epoch')},
] as const satisfies readonly DiskField[];

/** A disk field's key: consumers (the disk panel) name fields by it, checked by the compiler. */
export type DiskFieldKey = (typeof diskFieldList)[number]['key'];

export const diskFields: readonly DiskField[] = diskFieldList;

/** `Size(GB)`, `Usage(%)`, `File`. */
function diskCsvColumnName(field: DiskField, unit: DiskUnit): string {
	switch (field.kind) {
		case 'bytes': {
			return `${field.name}(${unit})`;
		}

		case 'percent': {
			return `${field.name}(%)`;
		}

		default: {
			return field.name;
		}
	}
}

export function diskCsvHeader(unit: DiskUnit): string[] {
	return diskFields.map(field => diskCsvColumnName(field, unit));
}

/** One disk CSV row: size in `unit` (3 decimals), usage with 4 decimals, times formatted, unknowns empty. */
export function diskCsvRow(sample: DiskSample, timestamp: string, unit: DiskUnit): Array<string | number> {
	const factor = unitFactor(unit);
	return diskFields.map(field => {
		const value = field.value(sample, timestamp);
		if (value === undefined) {
			return '';
		}

		if (typeof value === 'string') {
			return value;
		}

		if (!Number.isFinite(value)) {
			return '';
		}

		switch (field.kind) {
			case 'bytes': {
				return round(value / factor, diskSizeDecimals);
			}

			case 'percent': {
				return round(value, diskUsageDecimals);
			}

			case 'time': {
				return formatTimestamp(value);
			}

			default: {
				return value;
			}
		}
	});
}

export function diskFieldByKey(key: DiskFieldKey): DiskField {
	return diskFields.find(candidate => candidate.key === key)!;
}
