import {type MetricKind, type ProcessMetric, processMetrics} from '../model/process-metrics.js';
import type {ProcessSample} from '../model/snapshot.js';
import {formatBytes, formatCount, formatPercent} from './format.js';

/**
 * The process table's columns. Each value column names its metric by key in the one metric registry
 * (`processMetrics`), which is also the sample's property the CSV writer reads: the table and the
 * recording cannot drift apart.
 */
type ColumnKind =
	/** The role name, drawn as a tree in tree mode. */
	| 'name'
	/** A formatted value of the field. */
	| 'value'
	/** Bars of the field's recent history. */
	| 'spark'
	/** Derived from the daemon's state, not a field. */
	| 'state'
	/** The field's growth per hour over the history window (least squares), with `↗` when steady. */
	| 'growth'
	/** What the daemon's own statistics say of its load (events/s, drops, its fullest queue), on its row. */
	| 'load';

export type ColumnDef = {
	/** Unique within the table. */
	readonly id: string;
	/** The metric shown (or the PID, or the role's name); undefined only for the derived state column. */
	readonly field: ColumnField | undefined;
	readonly kind: ColumnKind;
	readonly label: string;
	/** Width without the separating space. */
	readonly width: number;
	/** Extra width this column may take when there is room, up to this width. */
	readonly maxWidth?: number;
	/** 0 is always shown; higher numbers are dropped first when the width is short. */
	readonly priority: number;
	readonly align: 'left' | 'right';
	/** Value to text; only for `value` columns. */
	readonly format?: (value: number | undefined) => string;
};

/** What a column shows: a registry metric, the PID, or (the name column) the role. */
type ColumnField = ProcessMetric | 'pid' | 'name';

const formatByKind: Partial<Record<MetricKind, (value: number | undefined) => string>> = {
	bytes: formatBytes,
	rate: formatBytes,
	percent: formatPercent,
	count: formatCount,
};

function valueColumn(id: string, field: ProcessMetric | 'pid', label: string, width: number, priority: number): ColumnDef {
	// A PID is an identifier: abbreviating 400123 to 400K would name another process.
	const format = field === 'pid' ? (value: number | undefined) => (value === undefined ? '-' : String(Math.round(value))) : formatByKind[processMetrics[field].kind];
	if (!format) {
		throw new Error(`field ${field} is not numeric`);
	}

	return {id, field, kind: 'value', label, width, priority, align: 'right', format};
}

/** In display order; `priority` decides what goes first on a narrow terminal. */
export const processColumns: readonly ColumnDef[] = [
	// 20 fits the longest daemon name (wazuh-logcollector) under a tree glyph.
	{id: 'name', field: 'name', kind: 'name', label: 'NAME', width: 20, maxWidth: 34, priority: 0, align: 'left'},
	valueColumn('pid', 'pid', 'PID', 7, 0),
	valueColumn('cpu', 'cpuPercent', 'CPU%', 5, 0),
	{id: 'cpuSpark', field: 'cpuPercent', kind: 'spark', label: 'CPU HISTORY', width: 11, maxWidth: 40, priority: 3, align: 'left'},
	valueColumn('rss', 'rss', 'RSS', 5, 1),
	// Right after RSS, whose trend it is: "is wazuh-db leaking?" at a glance.
	{id: 'rssGrowth', field: 'rss', kind: 'growth', label: 'RSS/h', width: 7, priority: 2, align: 'right'},
	valueColumn('uss', 'uss', 'USS', 5, 4),
	valueColumn('pss', 'pss', 'PSS', 5, 2),
	{id: 'pssGrowth', field: 'pss', kind: 'growth', label: 'PSS/h', width: 7, priority: 8, align: 'right'},
	valueColumn('swap', 'swap', 'SWAP', 5, 6),
	valueColumn('vms', 'vms', 'VMS', 5, 8),
	valueColumn('fd', 'fd', 'FD', 5, 5),
	valueColumn('threads', 'threads', 'THR', 4, 6),
	valueColumn('readSpeed', 'diskReadSpeed', 'READ/s', 6, 7),
	valueColumn('writeSpeed', 'diskWriteSpeed', 'WRIT/s', 6, 7),
	// Totals go before the rates; written before read, as daemons mostly write (logs, databases).
	valueColumn('read', 'diskRead', 'READ', 5, 10),
	valueColumn('written', 'diskWritten', 'WRITTEN', 7, 9),
	{id: 'state', field: undefined, kind: 'state', label: 'STATE', width: 10, priority: 1, align: 'left'},
];

/**
 * Last, when the daemons' own statistics are read: a sentence per daemon (`12.3k ev/s 40 drop/s
 * syscheck 93%`), cut with … when narrow.
 */
export const loadColumn: ColumnDef = {id: 'load', field: undefined, kind: 'load', label: 'LOAD (daemon stats)', width: 24, maxWidth: 40, priority: 4, align: 'left'};

/** A value column's raw value for a sample: the registry metric (or PID) is the sample's property. */
export function columnValue(column: ColumnDef, sample: ProcessSample): number | undefined {
	if (column.field === undefined || column.field === 'name') {
		throw new Error(`column ${column.id} has no value`);
	}

	return sample[column.field];
}
