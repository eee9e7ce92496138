import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {type Fleet, startFleet} from '../helpers/fleet.js';
import {csvColumnName} from '../../source/model/process-csv.js';
import {csvMetrics, type MetricDef, processMetrics} from '../../source/model/process-metrics.js';
import {formatTimestamp} from '../../source/model/timestamp.js';
import {processFileStem} from '../../source/recorder/file-names.js';
import {trackChild, untrackChild} from '../helpers/children.js';
import {type CliOptions, readCsv, scopeTo, sleep, startCli, waitFor} from '../helpers/cli.js';

/*
 * A real Prometheus (Debian's `prometheus` package) scrapes a running CLI over the simulated
 * manager every second; the series it stored must hold the values of the CSV rows of the same
 * ticks. Outside CI, a machine without the package reports this test as skipped, with the hint.
 */

const installHint = 'apt-get install prometheus';

function onPath(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

const available = onPath('prometheus') && onPath('promtool');

/**
 * The CLI's arguments and hooks for a fleet, in one place. Daemons are taken by name within the
 * fleet's process tree; once the fleet is an installation the tool recognises, this becomes
 * `['--install-dir', fleet.dir, ...]` (or the `installFolders` hook).
 */
function cliFor(fleet: Fleet, folder: string): {args: string[]; options: CliOptions} {
	return {
		args: ['--match-by-name', 'analysisd', 'db', '--headless', '-s', '1', '-u', 'B', '--prometheus', '0', '--store-process', folder],
		options: scopeTo(fleet),
	};
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => {
				resolve(port);
			});
		});
	});
}

type Series = {metric: Record<string, string>; values: Array<[number, string]>; value?: [number, string]};

async function query(base: string, promql: string): Promise<Series[]> {
	const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
	const body = await response.json() as {status: string; data: {resultType: string; result: Series[]}; error?: string};
	if (body.status !== 'success') {
		throw new Error(`query ${promql} failed: ${body.error ?? response.status}`);
	}

	return body.data.result;
}

/** Starts Prometheus on loopback with its own config and storage; killed at teardown whatever happens. */
async function startPrometheus(t: {teardown: (fn: () => void | Promise<void>) => void}, target: string): Promise<string> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-prom-'));
	const config = path.join(folder, 'prometheus.yml');
	fs.writeFileSync(config, [
		'global:',
		'  scrape_interval: 1s',
		'  scrape_timeout: 1s',
		'scrape_configs:',
		'  - job_name: wazuh-metrics',
		'    static_configs:',
		`      - targets: ['${target}']`,
		'',
	].join('\n'));
	const port = await freePort();
	// The suite's environment, so test/run-suite.mjs can find it if it were ever left behind.
	const child: ChildProcess = spawn('prometheus', [
		`--config.file=${config}`,
		`--storage.tsdb.path=${path.join(folder, 'data')}`,
		`--web.listen-address=127.0.0.1:${port}`,
		'--log.level=warn',
	], {env: process.env, stdio: ['ignore', 'ignore', 'pipe']});
	trackChild(child.pid);
	let log = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		log = (log + chunk.toString()).slice(-4000);
	});
	const exited = new Promise<void>(resolve => {
		child.once('exit', () => {
			untrackChild(child.pid);
			resolve();
		});
	});
	t.teardown(async () => {
		child.kill('SIGKILL');
		await exited;
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const base = `http://127.0.0.1:${port}`;
	let ready = false;
	await waitFor(() => {
		if (child.exitCode !== null) {
			throw new Error(`prometheus exited: ${log}`);
		}

		if (!ready) {
			void fetch(`${base}/-/ready`).then(response => {
				ready = response.ok;
			}, () => undefined);
		}

		return ready ? true : undefined;
	}, 60_000, 'prometheus to be ready');
	return base;
}

if (available) {
	test('prometheus e2e: a real Prometheus scrapes the CLI; its series equal the CSV rows of the same ticks', async t => {
		const fleet = await startFleet({
			daemons: [
				{name: 'wazuh-analysisd', shape: {children: 2, cpu: 0.05, fds: 5, writeBytesPerSec: 8192}},
				{name: 'wazuh-db', shape: {children: 1, memoryMb: 8, fds: 3}},
			],
			decoy: false,
		});
		t.teardown(async () => fleet.stop());
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-prom-csv-'));
		t.teardown(() => {
			fs.rmSync(folder, {recursive: true, force: true});
		});
		const {args, options} = cliFor(fleet, folder);
		const {child, finished} = startCli(args, options);
		t.teardown(() => child.kill('SIGKILL'));
		let stderr = '';
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const target = await waitFor(() => /serving metrics at http:\/\/(\S+)\/metrics/.exec(stderr)?.[1], 60_000, 'the metrics endpoint');
		t.regex(target, /^127\.0\.0\.1:\d+$/, 'loopback when only a port is given');

		// promtool lints a scrape of the text format: it reports nothing.
		await waitFor(() => (fs.existsSync(path.join(folder, 'wazuh-db_child_1.csv')) ? true : undefined), 60_000, 'first rows');
		const scrape = await (await fetch(`http://${target}/metrics`)).text();
		const lint = spawnSync('promtool', ['check', 'metrics'], {input: scrape, encoding: 'utf8'});
		t.is(lint.status, 0, lint.stdout + lint.stderr);
		t.is(lint.stdout + lint.stderr, '', 'promtool has nothing to say');

		const base = await startPrometheus(t, target);
		// Enough scrapes stored: six, however long a busy machine takes (the ceiling only ends a hang).
		const end = Date.now() + 60_000;
		for (;;) {
			const counts = await query(base, 'count_over_time(wazuh_metrics_last_sample_timestamp_seconds[10m])');
			if (Number(counts[0]?.value?.[1] ?? 0) >= 6) {
				break;
			}

			if (Date.now() > end) {
				throw new Error('timed out waiting for six scrapes stored by prometheus');
			}

			await sleep(250);
		}

		child.kill('SIGTERM');
		const run = await finished;
		t.is(run.code, 0, run.stderr);

		// The tick of each scrape: every sample of one scrape carries the scrape's timestamp.
		const tickTimes = new Map<number, string>();
		for (const [at, value] of (await query(base, 'wazuh_metrics_last_sample_timestamp_seconds[10m]'))[0]!.values) {
			tickTimes.set(at, formatTimestamp(Number(value) * 1000));
		}

		t.true(tickTimes.size >= 6, `scrapes stored: ${tickTimes.size}`);
		const csvCache = new Map<string, Array<Record<string, string>>>();
		const rowsOf = (role: string) => {
			let rows = csvCache.get(role);
			if (rows === undefined) {
				rows = readCsv(path.join(folder, `${processFileStem(role)}.csv`)).rows;
				csvCache.set(role, rows);
			}

			return rows;
		};

		// Every field that is both a CSV column and a metric: the registry says which is which.
		const compared = csvMetrics.filter(metric => 'prometheus' in processMetrics[metric]);
		t.true(compared.length >= 10, 'memory, fds, threads, syscalls and bytes are compared');
		const roles = new Set<string>();
		let checked = 0;
		for (const field of compared) {
			const metric = (processMetrics[field] as MetricDef).prometheus!;
			const name = metric.type === 'counter' ? `${metric.family}_total` : metric.family;
			const column = csvColumnName(field, 'B');
			const series = await query(base, `${name}[10m]`);
			t.true(series.length >= 5, `${name}: a series per process (${series.length})`);
			for (const {metric: labels, values} of series) {
				roles.add(labels.role!);
				t.truthy(labels.daemon, `${name} has a daemon label`);
				for (const [at, value] of values) {
					const timestamp = tickTimes.get(at);
					t.not(timestamp, undefined, `${name} at ${at} comes from a scrape with a tick time`);
					// Two ticks may share a second: one of the rows of that second and PID holds the value.
					const candidates = rowsOf(labels.role!).filter(row => row.Timestamp === timestamp && row.PID === labels.pid);
					t.true(candidates.length > 0, `a CSV row of ${labels.role} pid ${labels.pid} at ${timestamp}`);
					t.true(candidates.some(row => Number(row[column]) === Number(value)), `${name}{role=${labels.role}} ${value} at ${timestamp}: CSV ${column} ${candidates.map(row => row[column]).join(' or ')}`);
					checked++;
				}
			}
		}

		t.deepEqual([...roles].sort(), ['wazuh-analysisd', 'wazuh-analysisd_child_1', 'wazuh-analysisd_child_2', 'wazuh-db', 'wazuh-db_child_1']);
		t.true(checked >= compared.length * 5 * 6, `values compared: ${checked}`);

		// CPU seconds by mode: counters that never go back; the start time: a fixed moment before the first tick.
		for (const mode of ['user', 'system']) {
			const series = await query(base, `wazuh_metrics_process_cpu_seconds_total{mode="${mode}"}[10m]`);
			t.is(series.length, 5, `cpu ${mode}: one series per process`);
			for (const {values} of series) {
				const numbers = values.map(([, value]) => Number(value));
				t.true(numbers.every((value, index) => index === 0 || value >= numbers[index - 1]!), `cpu ${mode} never decreases`);
			}
		}

		const firstTick = Math.min(...(await query(base, 'wazuh_metrics_last_sample_timestamp_seconds[10m]'))[0]!.values.map(([, value]) => Number(value)));
		for (const {values} of await query(base, 'wazuh_metrics_process_start_time_seconds[10m]')) {
			const starts = new Set(values.map(([, value]) => value));
			t.is(starts.size, 1, 'a process has one start time');
			t.true(Number(values[0]![1]) <= firstTick + 1 && Number(values[0]![1]) > firstTick - 600, 'started shortly before the first tick');
		}

		const info = await query(base, 'wazuh_metrics_info');
		t.is(info.length, 1);
		t.truthy(info[0]!.metric.tool_version);
		t.is((await query(base, 'wazuh_metrics_daemon_up')).length, 2);
		t.is((await query(base, 'wazuh_metrics_sample_duration_seconds')).length, 1);
	});
} else {
	test(`prometheus e2e: skipped (install with: ${installHint})`, t => {
		// Not a silent skip: under CI the package must be there (.ci/run installs it).
		t.false(Boolean(process.env.CI), `CI is set but prometheus/promtool are missing: ${installHint}`);
		t.log(`prometheus or promtool not on PATH: ${installHint}`);
	});
}
