import {isByteUnit, isDiskUnit, unitFactor} from '../model/units.js';
import {numberCell, splitCsvLine} from './csv-lines.js';
import type {ParsedDiskFile} from './parsed-rows.js';
import type {ProcessRowPlan} from './process-rows.js';
import {processMetrics, type RecordedMetric, recordedMetrics} from '../model/process-metrics.js';
import type {RecordedDiskSample} from './recording.js';
import {TimestampParser} from './timestamps.js';

/*
 * Files of this tool and of the Python original (wazuh-qa's process_resource_monitoring): one
 * parser, as the original's columns are ours minus the last ones, in the same order and units
 * (`RSS(KB)`, 1024-based). Columns are found by name, so a file missing some reads as well.
 */

type Column = {readonly metric: RecordedMetric; readonly name: string; readonly kind: 'plain' | 'bytes' | 'rate'};

/** The registry's CSV columns: a unit suffix to read for bytes and rates, none or (%) for the rest. */
const columns: readonly Column[] = recordedMetrics.map(metric => {
	const {csv, kind} = processMetrics[metric];
	return {metric, name: csv, kind: kind === 'bytes' || kind === 'rate' ? kind : 'plain'};
});

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
				scale = unitFactor(match[2]);
			}
		}

		index[column.metric] = found;
		factor[column.metric] = scale;
	}

	return {index, factor};
}

/** Where this tool's and the original's process files keep each field, by the names in `header`. */
export function toolProcessPlan(header: readonly string[]): ProcessRowPlan {
	const {index, factor} = locate(header);
	return {
		timeCell: header.indexOf('Timestamp'),
		pidCell: header.indexOf('PID'),
		utc: false,
		roleCell: header.indexOf('Daemon'),
		versionCell: header.indexOf('Version'),
		metrics: recordedMetrics.filter(metric => index[metric] >= 0).map(metric => ({cell: index[metric], metric, factor: factor[metric]})),
		missing: recordedMetrics.filter(metric => index[metric] < 0),
	};
}

/** `File,Timestamp,Path,Size(GB),Usage(%),Mod_time,Acc_time,Creat_time`, one row per path per tick. */
export function parseToolDiskCsv(header: readonly string[], lines: readonly string[]): ParsedDiskFile {
	const timeAt = header.indexOf('Timestamp');
	const pathAt = header.indexOf('Path');
	const sizeAt = header.findIndex(name => /^Size\((?:KB|MB|GB|TB)\)$/.test(name));
	const unit = /^Size\((.+)\)$/.exec(header[sizeAt] ?? '')?.[1] ?? 'GB';
	const factor = isDiskUnit(unit) ? unitFactor(unit) : 1;
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
