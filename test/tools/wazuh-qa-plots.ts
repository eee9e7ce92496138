/**
 * `node --import=tsx test/tools/wazuh-qa-plots.ts <wazuh-qa>/deps/wazuh_testing [output folder]`:
 * writes the 4.x API statistics CSVs (source/recorder/stats-*.ts) from the test fixtures, 40 rounds,
 * then runs Wazuh QA's own plotter on each (`python3 -m wazuh_testing.scripts.data_visualizations
 * -t analysis|remote|wazuhdb`), and fails unless every run exits 0 and draws every chart its
 * `data/data_visualizer/<target>_csv_headers.json` lists. Not part of `npm test`: Wazuh QA is not a
 * package CI can install (and is not copied here); run it by hand with a checkout of it, and
 * `/usr/bin/python3` with pandas, matplotlib and seaborn (Debian's python3-pandas,
 * python3-matplotlib, python3-seaborn; python3-yaml).
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {StatsRecorder} from '../../source/recorder/stats-recorder.js';
import {analysisd414, later, remoted414, statsSnapshot, wazuhdb414} from '../helpers/stats-fixtures.js';

const [testing, given] = process.argv.slice(2);
const charts = testing === undefined ? '' : path.join(testing, 'wazuh_testing', 'data', 'data_visualizer');
if (testing === undefined || !fs.existsSync(charts)) {
	console.error('usage: wazuh-qa-plots.ts <wazuh-qa checkout>/deps/wazuh_testing [output folder] (no wazuh_testing/data/data_visualizer there)');
	process.exit(2);
}

const output = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wm-wazuh-qa-plots-'));
const folder = path.join(output, 'csv');
const recorder = new StatsRecorder({folder});
const start = Date.UTC(2025, 7, 7, 8, 0, 3);
for (let round = 1; round <= 40; round++) {
	const ms = (round - 1) * 5000;
	recorder.writeSnapshot(statsSnapshot(round, start + ms, [analysisd414(), remoted414(), wazuhdb414()].map(daemon => later(daemon, ms, 7 * round * round))));
}

recorder.close();

let failed = false;
for (const target of ['analysis', 'remote', 'wazuhdb']) {
	const destination = path.join(output, target);
	const run = spawnSync('/usr/bin/python3', ['-m', 'wazuh_testing.scripts.data_visualizations', '-s', path.join(folder, `wazuh-${target}_api_stats.csv`), '-t', target, '-d', destination, '-n', target], {
		cwd: testing,
		encoding: 'utf8',
		env: {...process.env, MPLBACKEND: 'Agg'},
		timeout: 300_000,
	});
	const expected = Object.keys(JSON.parse(fs.readFileSync(path.join(charts, `${target}_csv_headers.json`), 'utf8')) as object).length;
	const drawn = fs.existsSync(destination) ? fs.readdirSync(destination).filter(name => name.endsWith('.svg')).length : 0;
	const ok = run.status === 0 && drawn === expected;
	failed ||= !ok;
	console.log(`${ok ? 'ok  ' : 'FAIL'} -t ${target}: exit ${run.status ?? run.signal}, ${drawn} of ${expected} charts in ${destination}`);
	if (!ok) {
		console.log(run.stderr.trim());
	}
}

process.exit(failed ? 1 : 0);
