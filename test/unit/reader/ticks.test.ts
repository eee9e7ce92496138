import test from 'ava';
import type {RecordedProcess, RecordedSample, Recording, RecordingFormat} from '../../../source/reader/recording.js';
import {assignTicks, TickAssigner} from '../../../source/reader/ticks.js';
import {buildTimeline} from '../../../source/replay/timeline.js';
import {seededRandom} from '../../helpers/random.js';
import {processFromSamples, sampleAt} from '../../helpers/recorded.js';

/*
 * Ticks kept up to date while a folder grows (replay following a recording) are the ticks of the
 * whole folder read at once, whatever order the files were read in: seeded random recordings in
 * the three formats, read in random growing prefixes where some files lag a tick behind.
 */

type Random = ReturnType<typeof seededRandom>;
const start = new Date(2026, 3, 2, 10, 0, 0).getTime();

const sample = (time: number, pid: number, rss: number): RecordedSample => ({
	time, pid, cpuPercent: 1, vms: undefined, rss, uss: undefined, pss: undefined, swap: undefined, fd: 3, threads: 1,
	readOps: undefined, writeOps: undefined, diskRead: undefined, diskWritten: undefined, diskReadSpeed: undefined, diskWriteSpeed: undefined,
});

/** Roles with their rows: this tool's share one time per tick; the foreign writers' loops drift and cut to the second. */
function randomRows(random: Random, format: RecordingFormat, ticks: number): Array<{role: string; daemon: string; childIndex: number; rows: RecordedSample[]}> {
	const roles: Array<{role: string; daemon: string; childIndex: number; rows: RecordedSample[]}> = [];
	const interval = format === 'wazuh-metrics' ? 250 : 1000;
	// This tool's tick times: a fixed schedule a loaded machine sometimes runs late.
	const toolTimes: number[] = [];
	for (let tick = 0; tick < ticks; tick++) {
		toolTimes.push(start + (tick * interval) + (random.int(4) === 0 ? random.int(200) : 0));
	}

	for (let daemon = 0; daemon < 3; daemon++) {
		for (let child = 0; child <= random.int(3); child++) {
			const role = child === 0 ? `d${daemon}` : `d${daemon}_child_${child}`;
			const first = random.int(Math.floor(ticks / 3));
			const last = ticks - random.int(Math.floor(ticks / 4));
			let pid = 100 + (daemon * 10) + child;
			const rows: RecordedSample[] = [];
			const period = 1000 + random.int(15);
			const phase = random.int(1000);
			for (let tick = first; tick < last; tick++) {
				if (random.int(15) === 0) {
					continue;
				}

				if (random.int(40) === 0) {
					pid += 100;
				}

				const time = format === 'wazuh-metrics' ? toolTimes[tick]! : start + (Math.floor((phase + (tick * period)) / 1000) * 1000);
				if (rows.length > 0 && time <= rows.at(-1)!.time) {
					continue;
				}

				rows.push(sample(time, pid, 1000 + random.int(100)));
			}

			roles.push({role, daemon: `d${daemon}`, childIndex: child, rows});
		}
	}

	return roles;
}

const recordingOf = (format: RecordingFormat, processes: RecordedProcess[]): Recording => ({
	folder: '/made-up', format, host: undefined, demo: false, wazuhVersion: '4.9.0', interval: format === 'wazuh-metrics' ? 0.25 : 1, processes, disk: [], missingColumns: [], problems: [],
});

for (const format of ['wazuh-metrics', 'python-original', 'wazuh5-monitor'] as const) {
	test(`${format}: ticks updated as the folder grows equal the ticks of the folder read at once`, t => {
		const random = seededRandom();
		t.log(`seed ${random.seed}`);
		let appended = 0;
		let reassigned = 0;
		for (let round = 0; round < 20; round++) {
			const roles = randomRows(random, format, 60 + random.int(200));
			const interval = format === 'wazuh-metrics' ? 0.25 : 1;
			const end = Math.max(...roles.flatMap(role => role.rows.map(row => row.time)));
			const assigner = new TickAssigner(format, interval);
			const timeline = buildTimeline(recordingOf(format, roles.map(role => processFromSamples(role.role, role.daemon, role.childIndex, role.rows.slice(0, 1)))));
			let updates = 0;
			for (let cut = start; ; cut += (1 + random.int(8)) * interval * 1000) {
				// Each file read at its own moment: some lag a tick or two behind the others.
				const prefix = roles.map(role => {
					const lag = random.int(3) === 0 ? random.int(3) * interval * 1000 : 0;
					return processFromSamples(role.role, role.daemon, role.childIndex, role.rows.filter(row => row.time <= cut - lag));
				});
				assigner.update(prefix);
				updates++;
				const got = assigner.ticks(prefix);
				const expected = assignTicks(prefix, format, interval);

				t.deepEqual([...got.times], [...expected.times], `round ${round}, cut ${cut - start}`);
				t.deepEqual(got.rows.map(rows => [...rows]), expected.rows.map(rows => [...rows]), `round ${round}, cut ${cut - start}`);
				timeline.update(recordingOf(format, prefix));
				if (cut > end) {
					break;
				}
			}

			// The followed timeline shows what a fresh one does, tick by tick.
			const whole = roles.map(role => processFromSamples(role.role, role.daemon, role.childIndex, role.rows));
			const fresh = buildTimeline(recordingOf(format, whole));
			timeline.update(recordingOf(format, whole));
			t.is(timeline.times.length, fresh.times.length);
			for (let index = 0; index < fresh.times.length; index++) {
				t.deepEqual(timeline.snapshotAt(index), fresh.snapshotAt(index), `round ${round}, tick ${index}`);
			}

			reassigned += assigner.reassigned;
			appended += updates - assigner.reassigned;
		}

		// Both ways were taken: rows added at the end, and a lagging file's rows making it start over.
		t.log(`${format}: ${appended} updates added at the end, ${reassigned} assigned everything again`);
		t.true(appended > reassigned && reassigned > 0);
	});
}

test('processFromSamples and sampleAt give back the rows, sorted by time', t => {
	const rows = [sample(start + 2000, 1, 30), sample(start, 1, 10), sample(start + 1000, 2, 20)];
	const process = processFromSamples('d', 'd', 0, rows);
	t.deepEqual(Array.from({length: process.length}, (_, index) => sampleAt(process, index)), [rows[1], rows[2], rows[0]]);
});
