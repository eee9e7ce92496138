import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {processCsvHeader, processCsvRow} from '../../source/model/process-csv.js';
import {formatTimestamp} from '../../source/model/timestamp.js';
import type {Random} from './random.js';
import {processSample} from './snapshots.js';

/*
 * Session folders for the report's gate, written by the recorder's own CSV row writer (the model's
 * process-csv): analysisd at a chosen CPU, wazuh-db with a child and a chosen memory growth, and a
 * daemon named with every character XML escapes, as a recording may name one. One row a second.
 */

const mib = 1024 * 1024;
export const gateSeconds = 120;
export const gateStart = Date.UTC(2026, 0, 12, 9, 0, 0);
export const oddDaemon = 'wazuh-odd&<"\'>';

type Role = {role: string; file: string; pid: number; cpu: number; rss: (second: number) => number};
export type GateShape = {analysisdCpu: number; dbGrowthMiBPerMinute: number};

function roles(shape: GateShape): Role[] {
	return [
		{role: 'wazuh-analysisd', file: 'wazuh-analysisd', pid: 100, cpu: shape.analysisdCpu, rss: () => 30 * mib},
		{role: 'wazuh-db', file: 'wazuh-db', pid: 200, cpu: 2, rss: second => (20 * mib) + (Math.round((shape.dbGrowthMiBPerMinute * mib * second) / 60 / 4096) * 4096)},
		{role: 'wazuh-db_child_1', file: 'wazuh-db_child_1', pid: 201, cpu: 1, rss: () => 8 * mib},
		{role: oddDaemon, file: 'odd', pid: 300, cpu: 1, rss: () => 4 * mib},
	];
}

/** `folder` (created) as the recorder writes it, CPU and RSS with a little seeded noise. */
export function writeGateRecording(folder: string, shape: GateShape, random: Random): string {
	fs.mkdirSync(folder);
	for (const role of roles(shape)) {
		const rows = [processCsvHeader('KB')];
		for (let second = 0; second < gateSeconds; second++) {
			const rss = role.rss(second) + (random.int(4) * 4096);
			const sample = processSample({role: role.role, pid: role.pid, cpuPercent: role.cpu + random.next() - 0.5, rss, pss: rss, uss: rss, threads: 2});
			rows.push(processCsvRow(sample, {wazuhVersion: '4.14.2', timestamp: formatTimestamp(gateStart + (second * 1000)), unit: 'KB'}).map(String));
		}

		fs.writeFileSync(path.join(folder, `${role.file}.csv`), stringify(rows));
	}

	return folder;
}
