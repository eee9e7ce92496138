/*
 * `wazuh-metrics report` and `replay` on a long recording: 20 daemons with 2 children each, 8 h at 1 Hz
 * (28 800 rows per file, 60 files), written in this tool's CSV format into a temporary folder
 * (a seeded random walk for CPU, memory growing slowly in steps). Then, in this process:
 *   - readRecording(folder): wall time, heap and RSS after;
 *   - buildReport + renderMarkdown: wall time;
 *   - `node dist/cli.js report FOLDER --format json`: wall time and peak RSS of the whole CLI
 *     (GNU time's maximum resident set size, when /usr/bin/time exists);
 *   - replay: opening the folder (read, ticks, the cursor's first screen and a jump to the end, which
 *     refills the history window), 4 more jumps, then following it: one more tick appended to every file, read
 *     and shown (the median of 10), and the ticks assigned all over again (a file lagging behind).
 * Usage: npm run build && node --import=tsx bench/report-speed.ts [--hours 8] [--daemons 20] [--children 2] [--keep DIR]
 * (--keep: write the recording into DIR and leave it there, for profiling)
 * Prints a Markdown table.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {processCsvHeader} from '../source/model/process-csv.js';
import {formatTimestamp} from '../source/model/timestamp.js';
import {readRecording, RecordingReader} from '../source/reader/read-recording.js';
import {ReplayCursor, replaySlack} from '../source/replay/replay-cursor.js';
import {buildTimeline} from '../source/replay/timeline.js';
import {HistoryStore} from '../source/model/history-store.js';
import {buildReport} from '../source/report/build-report.js';
import {renderMarkdown} from '../source/report/render-markdown.js';
import {defaultThresholds} from '../source/report/thresholds.js';

const {values} = parseArgs({options: {hours: {type: 'string', default: '8'}, daemons: {type: 'string', default: '20'}, children: {type: 'string', default: '2'}, keep: {type: 'string'}}});
const hours = Number(values.hours);
const daemonCount = Number(values.daemons);
const childCount = Number(values.children);
const rows = Math.round(hours * 3600);

/** mulberry32: the same recording on every run. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6D_2B_79_F5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function writeRecording(folder: string): number {
	const random = seeded(20_261_128);
	const header = processCsvHeader('KB').join(',');
	const start = new Date(2026, 0, 5, 8, 0, 0).getTime();
	const stamps = Array.from({length: rows}, (_, index) => formatTimestamp(start + index * 1000));
	let bytes = 0;
	for (let daemon = 0; daemon < daemonCount; daemon++) {
		for (let child = 0; child <= childCount; child++) {
			const role = child === 0 ? `wazuh-bench${daemon}` : `wazuh-bench${daemon}_child_${child}`;
			const lines = [header];
			let rss = 20_000 + random() * 50_000;
			let cpu = random() * 20;
			let read = 0;
			for (let index = 0; index < rows; index++) {
				cpu = Math.max(0, Math.min(100, cpu + (random() - 0.5) * 2));
				if (random() < 0.01) {
					rss += 4;
				}

				read += Math.floor(random() * 8);
				lines.push(`${role},4.9.0,${stamps[index]},${1000 + daemon * 10 + child},${cpu.toFixed(2)},${(rss * 2).toFixed(2)},${rss.toFixed(2)},${(rss * 0.8).toFixed(2)},${(rss * 0.9).toFixed(2)},0,${12 + child},${index * 3},${index},${read},${read * 2},${(read / (index + 1)).toFixed(2)},0,${1 + child}`);
			}

			const text = `${lines.join('\n')}\n`;
			bytes += text.length;
			fs.writeFileSync(path.join(folder, `${role}.csv`), text);
		}
	}

	return bytes;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const folder = values.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-report-'));
if (values.keep) {
	fs.mkdirSync(folder, {recursive: true});
}

try {
	process.stderr.write(`bench: writing ${daemonCount} daemons x ${childCount + 1} processes x ${rows} rows into ${folder}\n`);
	const bytes = writeRecording(folder);
	execFileSync('sync');
	global.gc?.();
	let began = performance.now();
	const recording = readRecording(folder);
	const readMs = performance.now() - began;
	const afterRead = process.memoryUsage();
	began = performance.now();
	const markdown = renderMarkdown(buildReport(recording, undefined, defaultThresholds, 'bench'));
	const reportMs = performance.now() - began;
	const samples = recording.processes.reduce((sum, process) => sum + process.length, 0);
	const cli = fs.existsSync('/usr/bin/time')
		? spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, 'dist/cli.js', 'report', folder, '--format', 'json'], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
		: undefined;
	const [cliSeconds, cliKb] = cli?.stderr.trim().split('\n').at(-1)?.split(' ') ?? [];
	// Side by side: what Wazuh QA's scripts do first with such a folder, pandas.read_csv of every file
	// and the by-Timestamp sum of each daemon with its children (Debian's python3-pandas).
	const pandasScript = [
		'import glob, sys, time, pandas',
		'began = time.monotonic()',
		'frames = {f: pandas.read_csv(f) for f in glob.glob(sys.argv[1] + "/*.csv")}',
		'read = time.monotonic() - began',
		'summed = [pandas.concat([d for f, d in frames.items() if f.endswith("/" + name + ".csv") or ("/" + name + "_child_") in f]).groupby("Timestamp").sum(numeric_only=True) for name in {d["Daemon"].iloc[0].split("_child_")[0] for d in frames.values()}]',
		'print(f"{read:.2f} {time.monotonic() - began:.2f}")',
	].join('\n');
	const pandas = fs.existsSync('/usr/bin/python3') ? spawnSync('/usr/bin/time', ['-f', '%M', '/usr/bin/python3', '-c', pandasScript, folder], {encoding: 'utf8'}) : undefined;
	const [pandasRead, pandasTotal] = pandas?.status === 0 ? pandas.stdout.trim().split(' ') : [];
	const pandasKb = pandas?.status === 0 ? pandas.stderr.trim().split('\n').at(-1) : undefined;
	// Replay: open, then follow the folder as a recorder appends a tick to every file.
	global.gc?.();
	began = performance.now();
	const reader = new RecordingReader(folder);
	reader.read();
	let timeline = buildTimeline(reader.recording());
	const cursor = new ReplayCursor(timeline, new HistoryStore({slack: replaySlack}));
	cursor.goTo(cursor.count - 1);
	const openMs = performance.now() - began;
	// A jump back (b, {, <): an hour of history refilled; then forward to the end again.
	const jumpMs: number[] = [];
	for (const target of [cursor.count - 5000, cursor.count - 1, Math.floor(cursor.count / 2), cursor.count - 1]) {
		began = performance.now();
		cursor.goTo(target);
		jumpMs.push(performance.now() - began);
	}

	jumpMs.sort((a, b) => a - b);
	// Steps back (`,` held down) from the end: within the slack the store shows a tick it holds;
	// side by side, the same steps on a store without slack (each one a refill, as before).
	const stepBack = (slack: number, steps: number): {median: number; max: number; refills: number} => {
		const stepper = new ReplayCursor(timeline, new HistoryStore({slack}));
		stepper.goTo(stepper.count - 1);
		const refillsBefore = stepper.refills;
		const times: number[] = [];
		for (let step = 0; step < steps; step++) {
			const start = performance.now();
			stepper.step(-1);
			times.push(performance.now() - start);
		}

		stepper.stop();
		times.sort((a, b) => a - b);
		return {median: times[Math.floor(steps / 2)]!, max: times.at(-1)!, refills: stepper.refills - refillsBefore};
	};

	const backWithSlack = stepBack(replaySlack, 100);
	const backWithout = stepBack(0, 5);
	const files = fs.readdirSync(folder).filter(name => name.endsWith('.csv'));
	const followMs: number[] = [];
	for (let extra = 0; extra < 10; extra++) {
		const stamp = formatTimestamp(new Date(2026, 0, 5, 8, 0, 0).getTime() + ((rows + extra) * 1000));
		for (const name of files) {
			const role = name.slice(0, -4);
			fs.appendFileSync(path.join(folder, name), `${role},4.9.0,${stamp},${1000 + extra},1.00,2.00,1.00,0.80,0.90,0,12,1,1,1,1,0.00,0,1\n`);
		}

		began = performance.now();
		const before = cursor.position;
		reader.read();
		timeline.update(reader.recording());
		cursor.grown(timeline, before, false, true);
		followMs.push(performance.now() - began);
	}

	followMs.sort((a, b) => a - b);
	began = performance.now();
	timeline = buildTimeline(reader.recording());
	const reassignMs = performance.now() - began;
	cursor.stop();
	const table = [
		'| What | Figure |',
		'| --- | ---: |',
		`| Input | ${daemonCount} daemons x ${childCount + 1} processes x ${rows} rows = ${samples} samples, ${mb(bytes)} MB of CSV |`,
		`| readRecording | ${(readMs / 1000).toFixed(2)} s |`,
		`| heap / RSS after reading | ${mb(afterRead.heapUsed)} MB / ${mb(afterRead.rss)} MB |`,
		`| buildReport + renderMarkdown | ${(reportMs / 1000).toFixed(2)} s (${markdown.length} characters) |`,
		cli ? `| node dist/cli.js report --format json (whole CLI) | ${cliSeconds} s, peak RSS ${(Number(cliKb) / 1024).toFixed(0)} MB, exit ${cli.status} |` : '| whole CLI | /usr/bin/time missing |',
		pandasTotal === undefined ? `| pandas (Wazuh QA's reader), side by side | not run: ${pandas === undefined ? '/usr/bin/python3 missing' : (pandas.stderr.trim().split('\n').at(-1) ?? 'failed')} (apt install python3-pandas) |` : `| pandas.read_csv of the 60 files, then the by-Timestamp sums of each daemon (what Wazuh QA's scripts do), side by side | ${pandasRead} s to read, ${pandasTotal} s with the sums, peak RSS ${(Number(pandasKb) / 1024).toFixed(0)} MB |`,
		`| replay: open (read, ticks, first screen, jump to the end) | ${(openMs / 1000).toFixed(2)} s |`,
		`| replay: a jump far back or forward, an hour of history refilled (4 jumps) | ${jumpMs.map(ms => `${(ms / 1000).toFixed(2)} s`).join(', ')} |`,
		`| replay: one step back (,) from the end, slack ${replaySlack} ticks (100 steps) | median ${backWithSlack.median.toFixed(2)} ms, max ${backWithSlack.max.toFixed(2)} ms, ${backWithSlack.refills} refills |`,
		`| replay: the same steps without slack (5 steps), side by side | median ${backWithout.median.toFixed(0)} ms, max ${backWithout.max.toFixed(0)} ms, ${backWithout.refills} refills |`,
		`| replay: follow one more tick of every file (median of 10) | ${followMs[5]!.toFixed(1)} ms (max ${followMs.at(-1)!.toFixed(1)} ms) |`,
		`| replay: every tick assigned again (a file lagging behind) | ${reassignMs.toFixed(0)} ms |`,
	];
	process.stdout.write(`${table.join('\n')}\n`);
} finally {
	if (!values.keep) {
		fs.rmSync(folder, {recursive: true, force: true});
	}
}
