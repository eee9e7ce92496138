import {type ByteUnit, type DiskUnit, isByteUnit, isDiskUnit, unitFactor} from '../fields/units.js';
import {cellEnds, numberAt, numberCell, splitCsvLine} from './csv-lines.js';
import type {ParsedDiskFile, ParsedProcessFile} from './parsed-rows.js';
import {type RecordedDiskSample, type RecordedMetric, recordedMetrics, type RecordedSample} from './recording.js';
import {TimestampParser} from './timestamps.js';

/*
 * Files of this tool and of the Python original (wazuh-qa's process_resource_monitoring): one
 * parser, as the original's columns are ours minus the last ones, in the same order and units
 * (`RSS(KB)`, 1024-based). Columns are found by name, so a file missing some reads as well.
 */

type Column = {readonly metric: RecordedMetric; readonly name: string; readonly kind: 'plain' | 'bytes' | 'rate'};

const columns: readonly Column[] = [
	{metric: 'cpuPercent', name: 'CPU', kind: 'plain'},
	{metric: 'vms', name: 'VMS', kind: 'bytes'},
	{metric: 'rss', name: 'RSS', kind: 'bytes'},
	{metric: 'uss', name: 'USS', kind: 'bytes'},
	{metric: 'pss', name: 'PSS', kind: 'bytes'},
	{metric: 'swap', name: 'SWAP', kind: 'bytes'},
	{metric: 'fd', name: 'FD', kind: 'plain'},
	{metric: 'threads', name: 'Threads', kind: 'plain'},
	{metric: 'readOps', name: 'Read_Ops', kind: 'plain'},
	{metric: 'writeOps', name: 'Write_Ops', kind: 'plain'},
	{metric: 'diskRead', name: 'Disk_Read', kind: 'bytes'},
	{metric: 'diskWritten', name: 'Disk_Written', kind: 'bytes'},
	{metric: 'diskReadSpeed', name: 'Disk_Read_Speed', kind: 'rate'},
	{metric: 'diskWriteSpeed', name: 'Disk_Write_Speed', kind: 'rate'},
];

/** Where each metric's column is and what to multiply it by to get bytes; -1 when absent. */
function locate(header: readonly string[]): {index: Record<RecordedMetric, number>; factor: Record<RecordedMetric, number>} {
	const index = {} as Record<RecordedMetric, number>;
	const factor = {} as Record<RecordedMetric, number>;
	for (const column of columns) {
		let found = -1;
		let scale = 1;
		for (const [position, name] of header.entries()) {
			if (column.kind === 'plain') {
				if (name === column.name || name === `${column.name}(%)`) {
					found = position;
				}

				continue;
			}

			const match = /^(.+)\((B|KB|MB)(\/s)?\)$/.exec(name);
			if (match?.[1] === column.name && (match[3] === '/s') === (column.kind === 'rate') && isByteUnit(match[2]!)) {
				found = position;
				scale = unitFactor(match[2] as ByteUnit);
			}
		}

		index[column.metric] = found;
		factor[column.metric] = scale;
	}

	return {index, factor};
}

/** A row's cells: the strings of a quoted line, or the boundaries of a plain one (csv-lines.ts). */
type Row = {line: string; cells: string[] | undefined; ends: Int32Array};

/** The value of the cell at `at` (-1: no such column) times `factor`, undefined when empty. */
function cellValue(row: Row, at: number, factor: number): number | undefined {
	if (at < 0) {
		return undefined;
	}

	let cell: number | undefined;
	if (row.cells === undefined) {
		cell = numberAt(row.line, at === 0 ? 0 : row.ends[at - 1]! + 1, row.ends[at]!);
	} else {
		cell = numberCell(row.cells[at]);
	}

	return cell === undefined ? undefined : cell * factor;
}

/** The text of the cell at `at`, or undefined past the row's end. */
function cellText(row: Row, at: number, count: number): string | undefined {
	if (row.cells !== undefined) {
		return row.cells[at];
	}

	return at < 0 || at >= count ? undefined : row.line.slice(at === 0 ? 0 : row.ends[at - 1]! + 1, row.ends[at]!);
}

export function parseToolProcessCsv(header: readonly string[], lines: readonly string[]): ParsedProcessFile {
	const {index, factor} = locate(header);
	const daemonAt = header.indexOf('Daemon');
	const versionAt = header.indexOf('Version');
	const timeAt = header.indexOf('Timestamp');
	const pidAt = header.indexOf('PID');
	const timestamps = new TimestampParser(false);
	const samples: RecordedSample[] = [];
	const row: Row = {line: '', cells: undefined, ends: new Int32Array(header.length + 1)};
	// Positions as plain constants: a lookup by metric name on every cell of millions of rows shows.
	const cpuPercentAt = index.cpuPercent;
	const vmsAt = index.vms;
	const rssAt = index.rss;
	const ussAt = index.uss;
	const pssAt = index.pss;
	const swapAt = index.swap;
	const fdAt = index.fd;
	const threadsAt = index.threads;
	const readOpsAt = index.readOps;
	const writeOpsAt = index.writeOps;
	const diskReadAt = index.diskRead;
	const diskWrittenAt = index.diskWritten;
	const diskReadSpeedAt = index.diskReadSpeed;
	const diskWriteSpeedAt = index.diskWriteSpeed;
	let role: string | undefined;
	let version: string | undefined;
	let badRows = 0;
	for (const line of lines) {
		if (line === '') {
			// The original writes an empty row when a sample failed (an exception before any value).
			badRows++;
			continue;
		}

		// The common line has no quotes: its cells are read in place, without a string each.
		row.line = line;
		row.cells = line.includes('"') ? splitCsvLine(line) : undefined;
		const count = row.cells === undefined ? cellEnds(line, row.ends) : row.cells.length;
		const time = timestamps.parse(cellText(row, timeAt, count) ?? '');
		const pid = pidAt < count ? cellValue(row, pidAt, 1) : undefined;
		if (time === undefined || pid === undefined) {
			badRows++;
			continue;
		}

		if (role === undefined) {
			role = cellText(row, daemonAt, count) || undefined;
		}

		// The original writes Python's None as an empty cell when no version was given.
		if (version === undefined) {
			version = cellText(row, versionAt, count) || undefined;
		}

		// One literal with every field in one order: a million samples share one hidden class.
		samples.push({
			time,
			pid,
			cpuPercent: cpuPercentAt < count ? cellValue(row, cpuPercentAt, factor.cpuPercent) : undefined,
			vms: vmsAt < count ? cellValue(row, vmsAt, factor.vms) : undefined,
			rss: rssAt < count ? cellValue(row, rssAt, factor.rss) : undefined,
			uss: ussAt < count ? cellValue(row, ussAt, factor.uss) : undefined,
			pss: pssAt < count ? cellValue(row, pssAt, factor.pss) : undefined,
			swap: swapAt < count ? cellValue(row, swapAt, factor.swap) : undefined,
			fd: fdAt < count ? cellValue(row, fdAt, factor.fd) : undefined,
			threads: threadsAt < count ? cellValue(row, threadsAt, factor.threads) : undefined,
			readOps: readOpsAt < count ? cellValue(row, readOpsAt, factor.readOps) : undefined,
			writeOps: writeOpsAt < count ? cellValue(row, writeOpsAt, factor.writeOps) : undefined,
			diskRead: diskReadAt < count ? cellValue(row, diskReadAt, factor.diskRead) : undefined,
			diskWritten: diskWrittenAt < count ? cellValue(row, diskWrittenAt, factor.diskWritten) : undefined,
			diskReadSpeed: diskReadSpeedAt < count ? cellValue(row, diskReadSpeedAt, factor.diskReadSpeed) : undefined,
			diskWriteSpeed: diskWriteSpeedAt < count ? cellValue(row, diskWriteSpeedAt, factor.diskWriteSpeed) : undefined,
		});
	}

	return {role, version, samples, missing: recordedMetrics.filter(metric => index[metric] < 0), badRows};
}

/** `File,Timestamp,Path,Size(GB),Usage(%),Mod_time,Acc_time,Creat_time`, one row per path per tick. */
export function parseToolDiskCsv(header: readonly string[], lines: readonly string[]): ParsedDiskFile {
	const timeAt = header.indexOf('Timestamp');
	const pathAt = header.indexOf('Path');
	const sizeAt = header.findIndex(name => /^Size\((?:KB|MB|GB|TB)\)$/.test(name));
	const unit = /^Size\((.+)\)$/.exec(header[sizeAt] ?? '')?.[1] ?? 'GB';
	const factor = isDiskUnit(unit) ? unitFactor(unit as DiskUnit) : 1;
	const usageAt = header.indexOf('Usage(%)');
	const timestamps = new TimestampParser(false);
	const byPath = new Map<string, RecordedDiskSample[]>();
	let badRows = 0;
	for (const line of lines) {
		const cells = splitCsvLine(line);
		const time = timestamps.parse(cells[timeAt] ?? '');
		const path = cells[pathAt];
		if (time === undefined || path === undefined || path === '') {
			badRows++;
			continue;
		}

		const size = numberCell(cells[sizeAt]);
		let samples = byPath.get(path);
		if (!samples) {
			samples = [];
			byPath.set(path, samples);
		}

		samples.push({time, size: size === undefined ? undefined : size * factor, usagePercent: numberCell(cells[usageAt])});
	}

	return {paths: [...byPath].map(([path, samples]) => ({path, samples})), badRows};
}
