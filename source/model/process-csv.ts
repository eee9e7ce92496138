import {csvMetrics, type MetricKind, type ProcessMetric, processMetrics} from './process-metrics.js';
import type {ProcessSample} from './snapshot.js';
import {type ByteUnit, round, unitFactor} from './units.js';

/**
 * The process CSV, from the metric registry: this tool writes it (source/recorder) and reads it
 * back with the Python original's (source/reader). The first columns name the row; the metrics
 * follow in the registry's order.
 */
export type RowContext = {
	readonly wazuhVersion: string;
	readonly timestamp: string;
	readonly unit: ByteUnit;
};

/** The columns before the metrics. */
const identityColumns = ['Daemon', 'Version', 'Timestamp', 'PID'] as const;

/** A column's unit suffix by kind: `CPU(%)`, `RSS(KB)`, `Disk_Read_Speed(KB/s)`, `FD`. */
function columnWithUnit(name: string, kind: MetricKind, unit: ByteUnit): string {
	switch (kind) {
		case 'percent': {
			return `${name}(%)`;
		}

		case 'bytes': {
			return `${name}(${unit})`;
		}

		case 'rate': {
			return `${name}(${unit}/s)`;
		}

		default: {
			return name;
		}
	}
}

/** A metric's CSV column name in `unit`. */
export function csvColumnName(metric: (typeof csvMetrics)[number], unit: ByteUnit): string {
	const def = processMetrics[metric];
	return columnWithUnit(def.csv, def.kind, unit);
}

export function processCsvHeader(unit: ByteUnit): string[] {
	return [...identityColumns, ...csvMetrics.map(metric => csvColumnName(metric, unit))];
}

/** A metric's value as a CSV cell: bytes in `unit` and percentages rounded to 2 decimals, unreadable empty. */
function cell(metric: ProcessMetric, value: number | undefined, factor: number): string | number {
	// An unreadable field is an empty cell; so is a non-finite number, which no reader can use.
	if (value === undefined || !Number.isFinite(value)) {
		return '';
	}

	switch (processMetrics[metric].kind) {
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
}

/** One CSV row: numbers in the chosen unit rounded to 2 decimals, unreadable fields empty. */
export function processCsvRow(sample: ProcessSample, context: RowContext): Array<string | number> {
	const factor = unitFactor(context.unit);
	const row: Array<string | number> = [sample.role, context.wazuhVersion, context.timestamp, sample.pid];
	for (const metric of csvMetrics) {
		row.push(cell(metric, sample[metric], factor));
	}

	return row;
}
