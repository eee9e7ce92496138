import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {startFleet} from '../helpers/fleet.js';
import {readCsv, scopeTo, startCli, waitFor} from '../helpers/cli.js';

test('restart storm: a daemon killed and restarted 20 times in a row is followed each time', async t => {
	const fleet = await startFleet({daemons: [{name: 'wazuh-analysisd', shape: {children: 2}}], decoy: false});
	t.teardown(async () => fleet.stop());
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-storm-'));
	const {child, finished} = startCli(['analysisd', '--headless', '-s', '0.25', '-H', '5', '--store-process', folder], scopeTo(fleet));
	t.teardown(() => child.kill('SIGKILL'));
	const file = path.join(folder, 'wazuh-analysisd.csv');
	await waitFor(() => (fs.existsSync(path.join(folder, 'wazuh-analysisd_child_2.csv')) ? true : undefined), 60_000, 'first rows');
	const pids = [fleet.pidOf('wazuh-analysisd')!];
	const recordedPids = (): Set<number> => {
		try {
			return new Set(readCsv(file).rows.map(row => Number(row.PID)));
		} catch {
			return new Set(); // Read while a row was being appended: look again.
		}
	};
	// Each incarnation is killed once it has been recorded: the storm goes as fast as the recorder
	// can follow, and a busy machine only makes it slower, never a different test.
	for (let round = 1; round <= 20; round++) {
		await waitFor(() => (recordedPids().has(pids.at(-1)!) ? true : undefined), 60_000, `a row of incarnation ${round}`);
		pids.push(await fleet.restart('wazuh-analysisd'));
	}

	await waitFor(() => (recordedPids().has(pids.at(-1)!) ? true : undefined), 60_000, 'the last pid');
	child.kill('SIGTERM');
	const run = await finished;
	t.is(run.code, 0, run.stderr);

	const names = fs.readdirSync(folder).filter(name => name.endsWith('.csv')).sort();
	t.deepEqual(names, ['wazuh-analysisd.csv', 'wazuh-analysisd_child_1.csv', 'wazuh-analysisd_child_2.csv'], 'children kept their names');
	// The daemons' own statistics have a folder of their own (stats/), made at their first row.
	t.deepEqual(fs.readdirSync(folder).filter(name => !name.endsWith('.csv') && name !== 'stats'), ['session.json'], 'nothing else but the run\'s session.json');
	const rows = readCsv(file).rows;
	const recorded = new Set(rows.map(row => Number(row.PID)));
	t.deepEqual(pids.filter(pid => !recorded.has(pid)), [], 'every incarnation was followed');
	t.is(recorded.size, pids.length, 'no pid that is not the daemon');
	for (const name of names) {
		for (const row of readCsv(path.join(folder, name)).rows) {
			t.true(Number(row.PID) > 0 && Number(row['RSS(KB)']) > 0 && row['CPU(%)'] !== '', `no blank or zero row in ${name}: ${JSON.stringify(row)}`);
		}
	}

	// One monitor per process: each tick (its own timestamp, with milliseconds at -s 0.25) has one row.
	const timestamps = rows.map(row => row.Timestamp!);
	t.is(new Set(timestamps).size, timestamps.length, 'a tick with two rows of the daemon');
	t.regex(run.stderr, /wazuh-analysisd restarted: pid \d+ -> \d+/);
});
