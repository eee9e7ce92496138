import {numberCell, splitCsvLine} from './csv-lines.js';
import type {ParsedDiskFile} from './parsed-rows.js';
import type {ProcessRowPlan} from './process-rows.js';
import {type MetricDef, processMetrics, recordedMetrics} from '../model/process-metrics.js';
import {TimestampParser} from './timestamps.js';

/*
 * Wazuh 5's src/engine/tools/devContainer/scripts/monitor.py. Its process files hold
 * `timestamp,elapsed_s,pid,uptime_sec,cpu_pct,mem_pct,rss_mb,vms_mb,fds,threads,read_bytes,write_bytes`:
 * a UTC timestamp to the second, psutil's cpu_percent (% of one core), rss/vms as bytes / 1024²
 * rounded to 2 decimals, io counters in bytes. No USS, PSS, swap, syscall counts or speeds. Its
 * disk file is `timestamp,elapsed_s,dir_<basename>_mb...`: one column per folder, in MiB.
 */

const mebibyte = 1024 * 1024;

/** Where monitor.py's process files keep each field, by the names in `header`. */
export function monitor5ProcessPlan(header: readonly string[]): ProcessRowPlan {
	const at = (name: string): number => header.indexOf(name);
	// The registry says which of its metrics monitor.py has, in which column and unit.
	const cells = recordedMetrics.flatMap(metric => {
		const monitor5 = (processMetrics[metric] as MetricDef).monitor5;
		return monitor5 === undefined ? [] : [[metric, monitor5.column, monitor5.factor] as const];
	});
	return {
		timeCell: at('timestamp'),
		pidCell: at('pid'),
		utc: true,
		roleCell: -1,
		versionCell: -1,
		metrics: cells.filter(([, name]) => at(name) >= 0).map(([metric, name, factor]) => ({cell: at(name), metric, factor})),
		missing: recordedMetrics.filter(metric => !cells.some(([present, name]) => present === metric && at(name) >= 0)),
	};
}

/** `disk_usage.csv`: the column `dir_vd_mb` stands for the folder (monitor.py keeps only its basename). */
export function parseMonitor5DiskCsv(header: readonly string[], lines: readonly string[]): ParsedDiskFile {
	const timestamps = new TimestampParser(true);
	const names = header.slice(2);
	const paths = names.map(name => ({path: name.slice('dir_'.length, -'_mb'.length), samples: [] as ParsedDiskFile['paths'][number]['samples']}));
	let badRows = 0;
	for (const line of lines) {
		const cells = splitCsvLine(line);
		const time = timestamps.parse(cells[0] ?? '');
		if (time === undefined) {
			badRows++;
			continue;
		}

		for (const [index, entry] of paths.entries()) {
			const size = numberCell(cells[index + 2]);
			entry.samples.push({time, size: size === undefined ? undefined : size * mebibyte, usagePercent: undefined});
		}
	}

	return {paths, badRows};
}
