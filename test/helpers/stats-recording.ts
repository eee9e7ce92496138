import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import type {DaemonStats} from '../../source/model/daemon-stats.js';
import {processCsvHeader, processCsvRow} from '../../source/model/process-csv.js';
import {formatTimestamp} from '../../source/model/timestamp.js';
import {defaultStatsFolder, StatsRecorder} from '../../source/recorder/stats-recorder.js';
import {processSample} from './snapshots.js';
import {statsSnapshot} from './stats-fixtures.js';

/*
 * A session folder written by this tool's own writers: a process CSV per daemon (the model's
 * process-csv row, as the recorder writes it) and the daemons' statistics through the real
 * StatsRecorder, so the reader and the report are checked against what is really written.
 */

export function tmpSession(t: {teardown: (fn: () => void) => void}): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-statsrec-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

/** `<daemon>.csv` with a row every second from `start`, CPU % from `cpuAt(second)`. */
export function writeProcessFile(folder: string, daemon: string, start: number, seconds: number, cpuAt: (second: number) => number): void {
	const rows = [processCsvHeader('KB')];
	for (let second = 0; second < seconds; second++) {
		const sample = processSample({role: daemon, pid: 100, cpuPercent: cpuAt(second), rss: 1024 * 1024, threads: 4});
		rows.push(processCsvRow(sample, {wazuhVersion: '4.14.0', timestamp: formatTimestamp(start + (second * 1000)), unit: 'KB'}).map(String));
	}

	fs.writeFileSync(path.join(folder, `${daemon}.csv`), stringify(rows));
}

/** One round per entry, `stepMs` apart from `start`: each round's daemons made by `at(round)` (0-based). */
export function writeStats(folder: string, start: number, stepMs: number, rounds: number, at: (round: number) => readonly DaemonStats[]): void {
	const recorder = new StatsRecorder({folder: defaultStatsFolder(folder)});
	try {
		for (let round = 0; round < rounds; round++) {
			recorder.writeSnapshot(statsSnapshot(round + 1, start + (round * stepMs), at(round)));
		}
	} finally {
		recorder.close();
	}
}

/** `daemon` with its raw counters set: every key of `counters` to its value, its time and start set. */
export function withCounters(daemon: DaemonStats, time: number, started: number, counters: Readonly<Record<string, number>>): DaemonStats {
	return {...daemon, time, started, raw: {...daemon.raw, ...counters, timestamp: Math.floor(time / 1000), uptime: Math.floor(started / 1000)}};
}
