import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {startFleet} from '../../helpers/fleet.js';
import {readCsv, scopeTo, startCli, waitFor} from '../../helpers/cli.js';

/*
 * Wazuh QA's plotter reads our CSVs with pandas (`read_csv(index_col="Timestamp", parse_dates=True)`)
 * and unifies a daemon with its children by summing the rows that share a Timestamp. Below one
 * second between samples, ticks must therefore carry distinct timestamps that pandas still parses as
 * dates, or that sum adds several ticks together. This runs the real pandas (Debian's python3-pandas)
 * over a real recording at -s 0.25.
 */

const python = '/usr/bin/python3';
const installHint = 'apt-get install -y --no-install-recommends python3-pandas';
const hasPandas = fs.existsSync(python) && spawnSync(python, ['-c', 'import pandas'], {stdio: 'ignore'}).status === 0;

// The plotter's read and its unification of children, then what we check: a DatetimeIndex, one
// group per tick, and each group's RSS sum.
const unify = `
import json, sys, pandas as pd
files = sys.argv[1:]
frames = [pd.read_csv(f, index_col="Timestamp", parse_dates=True) for f in files]
daemon = frames[0]
unified = pd.concat(frames).groupby(level=0).sum(numeric_only=True)
print(json.dumps({
    "datetime_index": all(isinstance(frame.index, pd.DatetimeIndex) for frame in frames),
    "daemon_rows": len(daemon),
    "daemon_unique_times": int(daemon.index.nunique()),
    "groups": len(unified),
    "rss": [float(value) for value in unified["RSS(KB)"]],
}))
`;

if (hasPandas) {
	test('pandas parses sub-second timestamps as dates, and summing children by Timestamp adds one tick at a time', async t => {
		const fleet = await startFleet({daemons: [{name: 'wazuh-modulesd', shape: {children: 2}}]});
		t.teardown(async () => fleet.stop());
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-pandas-'));
		t.teardown(() => {
			fs.rmSync(folder, {recursive: true, force: true});
		});
		const {child, finished} = startCli(['modulesd', '--headless', '-s', '0.25', '-v', '4.9.0', '--store-process', folder], scopeTo(fleet));
		const files = ['wazuh-modulesd.csv', 'wazuh-modulesd_child_1.csv', 'wazuh-modulesd_child_2.csv'].map(name => path.join(folder, name));
		// At 4 ticks a second, 16 rows span at least four wall-clock seconds.
		await waitFor(() => {
			try {
				return files.every(file => readCsv(file).rows.length >= 16) ? true : undefined;
			} catch {
				return undefined;
			}
		}, 60_000, '16 rows in each file');
		child.kill('SIGTERM');
		const run = await finished;
		t.is(run.code, 0, run.stderr);

		const result = spawnSync(python, ['-c', unify, ...files], {encoding: 'utf8'});
		t.is(result.status, 0, result.stderr);
		const read = JSON.parse(result.stdout) as {datetime_index: boolean; daemon_rows: number; daemon_unique_times: number; groups: number; rss: number[]};
		t.true(read.datetime_index, 'pandas read the Timestamp column as dates');
		t.is(read.daemon_unique_times, read.daemon_rows, 'no two ticks share a timestamp');
		// Every row of a tick shares its timestamp, in every file: one group per tick of the daemon.
		const csvs = files.map(file => readCsv(file));
		const ticks = new Set(csvs.flatMap(csv => csv.rows.map(row => row.Timestamp)));
		t.is(read.groups, ticks.size);
		t.is(read.groups, read.daemon_rows, 'children rows fall on the daemon\'s ticks');
		// The sums pandas made equal the rows of one tick added up (read with a second CSV reader).
		const byTime = new Map<string, number>();
		for (const csv of csvs) {
			for (const row of csv.rows) {
				byTime.set(row.Timestamp!, (byTime.get(row.Timestamp!) ?? 0) + Number(row['RSS(KB)']));
			}
		}

		const expected = [...byTime.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, rss]) => rss);
		t.deepEqual(read.rss.map(value => Math.round(value * 100)), expected.map(value => Math.round(value * 100)));
	});
} else {
	test(`pandas reads sub-second timestamps: skipped (install with: ${installHint})`, t => {
		// Not a silent skip: under CI the package must be there (.ci/run installs it).
		t.false(Boolean(process.env.CI), `CI is set but ${python} has no pandas: ${installHint}`);
		t.log(`${python} cannot import pandas: ${installHint}`);
	});
}
