import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {StatsRecorder} from '../../../source/recorder/stats-recorder.js';
import {hasPandas, pandasInstallHint, python} from '../../helpers/pandas.js';
import {
	agentdState, analysisd414, analysisdState43, engineFixture, later, logcollectorFixture, remoted414, remoted5,
	remotedState43, statsSnapshot, wazuhdb414, wazuhdb5,
} from '../../helpers/stats-fixtures.js';

/*
 * The statistics CSVs read by pandas (Debian's python3-pandas), as Wazuh QA's plotter reads its
 * files (`read_csv(index_col="Timestamp", parse_dates=True)`) and as anyone reads monitor.py's
 * (`read_csv`). What pandas makes of them is printed as JSON and checked here.
 */

const read = `
import json, sys, pandas as pd
folder = sys.argv[1]
out = {}
for name in sorted(__import__("os").listdir(folder)):
    path = folder + "/" + name
    if name.startswith("stats-api-"):
        frame = pd.read_csv(path)
        out[name] = {
            "rows": len(frame),
            "columns": list(frame.columns),
            "first": {k: (None if pd.isna(v) else (v if isinstance(v, str) else float(v))) for k, v in frame.iloc[0].items()},
            "json_ok": all(isinstance(json.loads(v), dict) for v in frame["raw_response_json"]),
        }
    else:
        frame = pd.read_csv(path, index_col="Timestamp", parse_dates=True)
        out[name] = {
            "rows": len(frame),
            "datetime_index": isinstance(frame.index, pd.DatetimeIndex),
            "columns": list(frame.columns),
            "last": {k: (None if pd.isna(v) else (v if isinstance(v, str) else float(v))) for k, v in frame.iloc[-1].items()},
        }
print(json.dumps(out))
`;

type Read = Record<string, {rows: number; datetime_index?: boolean; json_ok?: boolean; columns: string[]; first?: Record<string, unknown>; last?: Record<string, unknown>}>;

if (hasPandas) {
	test('pandas reads every statistics CSV: dates as the index of Wazuh QA\'s, repeated names numbered, values as written', t => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-stats-pandas-'));
		t.teardown(() => {
			fs.rmSync(folder, {recursive: true, force: true});
		});
		const recorder = new StatsRecorder({folder});
		const daemons = [analysisd414(), remoted414(), wazuhdb414(), analysisdState43(), remotedState43(), agentdState(), logcollectorFixture(), engineFixture(), remoted5(), wazuhdb5()];
		const start = Date.UTC(2025, 7, 7, 8, 0, 3);
		for (let round = 1; round <= 3; round++) {
			const ms = (round - 1) * 5000;
			recorder.writeSnapshot(statsSnapshot(round, start + ms, daemons.map(daemon => later(daemon, ms, (round - 1) * 10))));
		}

		recorder.close();
		const result = spawnSync(python, ['-c', read, folder], {encoding: 'utf8'});
		t.is(result.status, 0, result.stderr);
		const frames = JSON.parse(result.stdout) as Read;
		t.is(Object.keys(frames).length, 11);
		for (const [name, frame] of Object.entries(frames)) {
			t.is(frame.rows, 3, name);
			if (frame.datetime_index !== undefined) {
				t.true(frame.datetime_index, `${name}: Timestamp parsed as dates`);
			}
		}

		const analysis = frames['wazuh-analysis_api_stats.csv']!;
		t.is(analysis.last!['Events received'], 1_026_470);
		t.is(analysis.last!['EDPS from syscheck'], (48_211 + 20) / 3610);
		t.is(analysis.last!['API Timestamp'], '2025-08-07T08:00:10+00:00');
		const wazuhdb = frames['wazuh-wazuhdb_api_stats.csv']!;
		t.is(wazuhdb.columns.length, 148);
		t.true(wazuhdb.columns.includes('db-sql.3'), 'pandas numbers the repeated names, as with Wazuh QA\'s own file');
		t.is(wazuhdb.last!['Global Queries ExecTime'], 5433 + 20);
		t.is(frames['wazuh-wazuh-analysisd_stats.csv']!.last!['Syscollector queue usage'], 0.05);
		t.is(frames['wazuh-wazuh-agentd_stats.csv']!.last!.Status, 'connected');
		t.is(frames['journald.csv']!.last!['Target Drops'], 3 + 20);
		const engine = frames['stats-api-analysisd.csv']!;
		t.true(engine.json_ok);
		t.is(engine.first!.timestamp, '2025-08-07T08:00:03Z');
		t.is(engine.first!.router_queue_usage_percent, 0.183_105_468_75);
		t.is(engine.first!.query_error, null);
		t.true(frames['stats-api-remoted.csv']!.json_ok);
		t.is(frames['stats-api-wazuhdb.csv']!.first!.queries_received, 6382);
	});
} else {
	test(`pandas reads the statistics CSVs: skipped (install with: ${pandasInstallHint})`, t => {
		// Not a silent skip: under CI the package must be there (.ci/run installs it).
		t.false(Boolean(process.env.CI), `CI is set but ${python} has no pandas: ${pandasInstallHint}`);
		t.log(`${python} cannot import pandas: ${pandasInstallHint}`);
	});
}
