import type {ProcessSample} from '../monitor/snapshot.js';
import {type ByteUnit, round, unitFactor} from './units.js';

/**
 * The one registry of per-process fields. The CSV header and row are generated from it, and the
 * UI's table columns name their field by `key`, so the live view and the recording cannot drift.
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
	| 'rate';

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
};

const sampleField = (
	key: string,
	name: string,
	kind: FieldKind,
	pick: (sample: ProcessSample) => number | undefined,
): ProcessField => ({key, name, kind, value: sample => pick(sample)});

export const processFields: readonly ProcessField[] = [
	{key: 'daemon', name: 'Daemon', kind: 'text', value: sample => sample.name},
	{key: 'version', name: 'Version', kind: 'text', value: (_sample, context) => context.version},
	{key: 'timestamp', name: 'Timestamp', kind: 'text', value: (_sample, context) => context.timestamp},
	sampleField('pid', 'PID', 'count', sample => sample.pid),
	sampleField('cpu', 'CPU', 'percent', sample => sample.cpuPercent),
	sampleField('vms', 'VMS', 'bytes', sample => sample.vms),
	sampleField('rss', 'RSS', 'bytes', sample => sample.rss),
	sampleField('uss', 'USS', 'bytes', sample => sample.uss),
	sampleField('pss', 'PSS', 'bytes', sample => sample.pss),
	sampleField('swap', 'SWAP', 'bytes', sample => sample.swap),
	sampleField('fd', 'FD', 'count', sample => sample.fd),
	sampleField('readOps', 'Read_Ops', 'count', sample => sample.readOps),
	sampleField('writeOps', 'Write_Ops', 'count', sample => sample.writeOps),
	sampleField('diskRead', 'Disk_Read', 'bytes', sample => sample.diskRead),
	sampleField('diskWritten', 'Disk_Written', 'bytes', sample => sample.diskWritten),
	sampleField('diskReadSpeed', 'Disk_Read_Speed', 'rate', sample => sample.diskReadSpeed),
	sampleField('diskWriteSpeed', 'Disk_Write_Speed', 'rate', sample => sample.diskWriteSpeed),
	// Last: Wazuh QA's readers select columns by name, so a column added at the end is safe.
	sampleField('threads', 'Threads', 'count', sample => sample.threads),
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

export function processCsvHeader(unit: ByteUnit): string[] {
	return processFields.map(field => csvColumnName(field, unit));
}

/** One CSV row: numbers in the chosen unit rounded to 2 decimals, unreadable fields empty. */
export function processCsvRow(sample: ProcessSample, context: RowContext): Array<string | number> {
	const factor = unitFactor(context.unit);
	return processFields.map(field => {
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
