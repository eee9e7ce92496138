import {numberCell, splitCsvLine} from './csv-lines.js';
import type {ParsedDiskFile, ParsedProcessFile} from './parsed-rows.js';
import {type RecordedMetric, recordedMetrics, type RecordedSample} from './recording.js';
import {TimestampParser} from './timestamps.js';

/*
 * Wazuh 5's src/engine/tools/devContainer/scripts/monitor.py. Its process files hold
 * `timestamp,elapsed_s,pid,uptime_sec,cpu_pct,mem_pct,rss_mb,vms_mb,fds,threads,read_bytes,write_bytes`:
 * a UTC timestamp to the second, psutil's cpu_percent (% of one core), rss/vms as bytes / 1024²
 * rounded to 2 decimals, io counters in bytes. No USS, PSS, swap, syscall counts or speeds. Its
 * disk file is `timestamp,elapsed_s,dir_<basename>_mb...`: one column per folder, in MiB.
 */

const mebibyte = 1024 * 1024;

/** The metrics monitor.py has a column for; every other one is missing. */
const present: ReadonlySet<RecordedMetric> = new Set(['cpuPercent', 'rss', 'vms', 'fd', 'threads', 'diskRead', 'diskWritten']);

export function parseMonitor5ProcessCsv(header: readonly string[], lines: readonly string[]): ParsedProcessFile {
	const at = (name: string): number => header.indexOf(name);
	const [timeAt, pidAt, cpuAt, rssAt, vmsAt, fdAt, threadsAt, readAt, writeAt] = ['timestamp', 'pid', 'cpu_pct', 'rss_mb', 'vms_mb', 'fds', 'threads', 'read_bytes', 'write_bytes'].map(at) as [number, number, number, number, number, number, number, number, number];
	const timestamps = new TimestampParser(true);
	const samples: RecordedSample[] = [];
	let badRows = 0;
	const mib = (cell: string | undefined): number | undefined => {
		const value = numberCell(cell);
		return value === undefined ? undefined : value * mebibyte;
	};

	for (const line of lines) {
		const cells = splitCsvLine(line);
		const time = timestamps.parse(cells[timeAt] ?? '');
		const pid = numberCell(cells[pidAt]);
		if (time === undefined || pid === undefined) {
			badRows++;
			continue;
		}

		samples.push({
			time,
			pid,
			cpuPercent: numberCell(cells[cpuAt]),
			vms: mib(cells[vmsAt]),
			rss: mib(cells[rssAt]),
			uss: undefined,
			pss: undefined,
			swap: undefined,
			fd: numberCell(cells[fdAt]),
			threads: numberCell(cells[threadsAt]),
			readOps: undefined,
			writeOps: undefined,
			diskRead: numberCell(cells[readAt]),
			diskWritten: numberCell(cells[writeAt]),
			diskReadSpeed: undefined,
			diskWriteSpeed: undefined,
		});
	}

	return {role: undefined, version: undefined, samples, missing: recordedMetrics.filter(metric => !present.has(metric)), badRows};
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
