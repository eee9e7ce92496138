import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type ExecutionContext, type TestFn} from 'ava';
import {type Fleet, startFleet} from '../helpers/fleet.js';
import {formatTimestamp} from '../../source/model/timestamp.js';
import type {SessionFile} from '../../source/recorder/session-file-writer.js';
import {readSessionFile} from '../../source/reader/session-file.js';
import {type Finished, readCsv, runCli, scopeTo, startCli, waitFor} from '../helpers/cli.js';
import {PtyScreen} from '../helpers/pty.js';

/*
 * session.json from real runs: the demo and a simulated manager recorded headless, the file read
 * back with the reader, then shown by `replay` in a real terminal. Planted links and malformed
 * files in the session folder are never followed nor trusted, and the CSVs are recorded anyway.
 */

const test = anyTest as TestFn<{fleet: Fleet}>;

const fixtures = path.resolve('test/fixtures/recordings');
const packageVersion = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as {version: string}).version;

function scratch(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-session-e2e-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

const csvNames = (folder: string): string[] => fs.readdirSync(folder).filter(name => name.endsWith('.csv')).sort();

/** Rows of `file`, 0 while it is missing or has only its header. */
function rowCount(file: string): number {
	try {
		return readCsv(file).rows.length;
	} catch {
		return 0;
	}
}

/**
 * Records the simulated manager's wazuh-db every `interval` seconds into `folder` until it has
 * `rows` rows, then stops the run (SIGTERM) and returns how it ended and its log.
 */
async function record(t: ExecutionContext<{fleet: Fleet}>, folder: string, {interval = '0.5', rows = 3} = {}): Promise<{run: Finished; log: string}> {
	const stateRoot = path.join(scratch(t), 'state');
	const scoped = scopeTo(t.context.fleet);
	const {child, finished} = startCli(['db', '--headless', '-s', interval, '-H', '1', '--store-process', folder], {hooks: {...scoped.hooks, stateRoot}});
	t.teardown(() => {
		child.kill('SIGKILL');
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	try {
		await waitFor(() => (rowCount(path.join(folder, 'wazuh-db.csv')) >= rows ? true : undefined), 60_000, `${rows} rows of wazuh-db`);
	} catch (error) {
		t.log(stderr);
		throw error;
	}

	child.kill('SIGTERM');
	const run = await finished;
	return {run, log: fs.readFileSync(path.join(stateRoot, 'wazuh-metrics.log'), 'utf8')};
}

test.before(async t => {
	t.context.fleet = await startFleet({daemons: [{name: 'wazuh-db'}, {name: 'wazuh-analysisd'}]});
});

test.after.always(async t => {
	await t.context.fleet?.stop();
});

test('the demo writes session.json: this host, the interval and units given, the daemons watched, that it is a demo; replay and report show its host and DEMO', async t => {
	t.timeout(240_000);
	const folder = path.join(scratch(t), 'demo-session');
	const before = Date.now();
	const {child, finished} = startCli(['--demo', 'analysisd', 'db', '--headless', '-v', '4.9.0', '-s', '0.5', '-H', '1', '-u', 'MB', '--disk-unit', 'TB', '--store-process', folder], {hooks: {stateRoot: path.join(scratch(t), 'state')}});
	t.teardown(() => {
		child.kill('SIGKILL');
	});
	await waitFor(() => (rowCount(path.join(folder, 'wazuh-analysisd.csv')) >= 3 ? true : undefined), 90_000, 'rows of the demo');
	child.kill('SIGTERM');
	const run = await finished;
	const after = Date.now();
	t.is(run.code, 0, run.stderr);

	const {info, problem} = readSessionFile(folder);
	t.is(problem, undefined);
	const recordedVersion = readCsv(path.join(folder, 'wazuh-analysisd.csv')).rows[0]!.Version!;
	t.is(recordedVersion, '4.9.0');
	t.like(info, {
		tool: 'wazuh-metrics',
		toolVersion: packageVersion,
		host: os.hostname(),
		wazuhVersion: recordedVersion,
		interval: 0.5,
		units: 'MB',
		diskUnit: 'TB',
		demo: true,
	} satisfies Partial<SessionFile>);
	t.deepEqual([...info!.daemons].sort(), ['wazuh-analysisd', 'wazuh-db']);
	t.is(info!.layout, 'manager-4', 'the demo\'s simulated 4.x manager');
	// Whole seconds: the start may fall up to a second before `before` once its fraction is cut.
	const started = Date.parse(info!.started);
	t.true(started >= before - 1000 && started <= after, `${info!.started} within the run`);
	t.is(fs.statSync(path.join(folder, 'session.json')).mode & 0o777, 0o600);

	// The recording on a terminal: the host it was made on (this one), its version, the first row's time.
	const screen = new PtyScreen(['replay', folder], {columns: 120, rows: 30});
	t.teardown(() => {
		screen.kill();
	});
	const firstTime = readCsv(path.join(folder, 'wazuh-analysisd.csv')).rows[0]!.Timestamp!;
	const header = await screen.waitForScreen(lines => (lines[1]?.includes('REPLAY sample 1/') ? lines[0] : undefined), 'the replay header');
	t.true(header.includes(`  ${os.hostname()}  Wazuh ${recordedVersion}`), header);
	t.regex(header, /\bDEMO\b/, 'replay says the recording is a demo');
	t.false(header.includes('recorded host unknown'), header);
	t.true(header.endsWith(firstTime), `${header} ends with ${firstTime}`);
	screen.write('q');
	t.is((await screen.exited).exitCode, 0);

	// The report says it in each format: Markdown and HTML in words, JSON as a field.
	const markdown = await runCli(['report', folder]);
	t.is(markdown.code, 0, markdown.stderr);
	t.regex(markdown.stdout, /^- \*\*Recording\*\*: \*\*DEMO\*\* `/m);
	t.regex(markdown.stdout, /^ {2}- DEMO: recorded from --demo/m);
	const json = await runCli(['report', folder, '--format', 'json']);
	t.is(json.code, 0, json.stderr);
	t.is((JSON.parse(json.stdout) as {recording: {demo: unknown}}).recording.demo, true);
	const html = await runCli(['report', folder, '--format', 'html']);
	t.is(html.code, 0, html.stderr);
	t.regex(html.stdout, /<b>Recording<\/b>: <b class="demo">DEMO<\/b>/);
});

test('a symlink planted at session.json is not followed: its target is unchanged, the CSVs are recorded, the log says why', async t => {
	t.timeout(120_000);
	const base = scratch(t);
	const folder = path.join(base, 'session');
	fs.mkdirSync(folder, {mode: 0o700});
	const target = path.join(base, 'target');
	fs.writeFileSync(target, 'root must not write here\n');
	fs.symlinkSync(target, path.join(folder, 'session.json'));

	const {run, log} = await record(t, folder);
	t.is(run.code, 0, run.stderr);
	t.is(fs.readFileSync(target, 'utf8'), 'root must not write here\n');
	t.true(fs.lstatSync(path.join(folder, 'session.json')).isSymbolicLink(), 'the link is left as it is');
	t.deepEqual(csvNames(folder), ['wazuh-db.csv']);
	t.true(rowCount(path.join(folder, 'wazuh-db.csv')) >= 3);
	t.regex(log, /WARN session\.json: a symbolic link, not followed: left as it is, not replaced/);
	t.deepEqual(readSessionFile(folder), {problem: 'session.json: a symbolic link, not followed; ignored'});
});

test('a malformed session.json is kept, told in the log and by the reader, and the run records anyway', async t => {
	t.timeout(120_000);
	const folder = path.join(scratch(t), 'session');
	fs.mkdirSync(folder, {mode: 0o700});
	fs.writeFileSync(path.join(folder, 'session.json'), '{"tool": "wazuh-metrics", "host": "half a fi');

	const {run, log} = await record(t, folder);
	t.is(run.code, 0, run.stderr);
	t.true(rowCount(path.join(folder, 'wazuh-db.csv')) >= 3);
	t.is(fs.readFileSync(path.join(folder, 'session.json'), 'utf8'), '{"tool": "wazuh-metrics", "host": "half a fi');
	t.regex(log, /WARN session\.json: not valid JSON: left as it is, not replaced/);
	t.deepEqual(readSessionFile(folder), {problem: 'session.json: not valid JSON; ignored'});
});

test('a second run into the same --store-process folder keeps the first run\'s session.json', async t => {
	t.timeout(180_000);
	const folder = path.join(scratch(t), 'session');
	const first = await record(t, folder);
	t.is(first.run.code, 0, first.run.stderr);
	const written = fs.readFileSync(path.join(folder, 'session.json'), 'utf8');
	t.is(readSessionFile(folder).info?.interval, 0.5);
	t.is((JSON.parse(written) as {demo: unknown}).demo, false, 'a real run says it is not a demo');

	const rowsBefore = rowCount(path.join(folder, 'wazuh-db.csv'));
	const second = await record(t, folder, {interval: '1', rows: rowsBefore + 2});
	t.is(second.run.code, 0, second.run.stderr);
	t.is(fs.readFileSync(path.join(folder, 'session.json'), 'utf8'), written);
	t.regex(second.log, /INFO session\.json of an earlier run kept/);
});

test('a run that records nothing writes no session.json: the folder stays as it was', async t => {
	t.timeout(120_000);
	const folder = path.join(scratch(t), 'session');
	const stateRoot = path.join(scratch(t), 'state');
	// remoted is a 4.x manager daemon the simulated manager does not run: waited for, never found.
	const {child, finished} = startCli(['remoted', '--headless', '-s', '0.5', '-H', '0.5', '-r', '1000', '--store-process', folder], {hooks: {...scopeTo(t.context.fleet).hooks, stateRoot}});
	t.teardown(() => {
		child.kill('SIGKILL');
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	// Three health checks, so ticks have passed with nothing to record.
	await waitFor(() => ((stderr.match(/remoted 3\/1000/g) ?? []).length > 0 ? true : undefined), 60_000, 'three failed health checks');
	child.kill('SIGTERM');
	const run = await finished;
	t.is(run.code, 0, run.stderr);
	t.deepEqual(fs.readdirSync(folder), []);
});

test('replay shows the host and Wazuh version a session.json names; without one, or with a malformed one, as before', async t => {
	t.timeout(180_000);
	const epoch = 1_764_000_000;
	const folders = ['named', 'none', 'malformed'].map(name => {
		const folder = path.join(scratch(t), name);
		fs.mkdirSync(folder);
		// The Python original's CSVs: no host, and an empty Version column.
		execFileSync('python3', [path.join(fixtures, 'python_original_writer.py'), folder, String(epoch), '30'], {stdio: 'pipe'});
		return folder;
	});
	const session: SessionFile = {
		tool: 'wazuh-metrics',
		toolVersion: '0.1.0',
		host: 'qa-manager-01',
		wazuhVersion: '4.9.1',
		layout: 'manager-4',
		interval: 1,
		started: '2025-11-24T16:00:00+00:00',
		units: 'KB',
		diskUnit: 'GB',
		daemons: ['wazuh-analysisd'],
	};
	fs.writeFileSync(path.join(folders[0]!, 'session.json'), JSON.stringify(session));
	fs.writeFileSync(path.join(folders[2]!, 'session.json'), JSON.stringify({...session, host: 'qa\u001B[2Jevil'}));

	const headerOf = async (folder: string): Promise<string> => {
		const screen = new PtyScreen(['replay', folder], {columns: 120, rows: 30});
		t.teardown(() => {
			screen.kill();
		});
		const header = await screen.waitForScreen(lines => (lines[1]?.includes('REPLAY sample 1/30') ? lines[0] : undefined), `the replay header of ${path.basename(folder)}`);
		screen.write('q');
		t.is((await screen.exited).exitCode, 0);
		return header;
	};

	const clock = formatTimestamp(epoch * 1000);
	const named = await headerOf(folders[0]!);
	t.regex(named, /^wazuh-metrics {2}qa-manager-01 {2}Wazuh 4\.9\.1 {2}every 1 ?s/);
	t.false(named.includes('DEMO'), 'a session.json of before the demo field: a real recording');
	t.true(named.endsWith(clock), named);
	const none = await headerOf(folders[1]!);
	t.regex(none, /^wazuh-metrics {2}recorded host unknown {2}every 1 ?s/);
	t.true(none.endsWith(clock), none);
	const malformed = await headerOf(folders[2]!);
	t.regex(malformed, /^wazuh-metrics {2}recorded host unknown {2}every/);
	t.false(malformed.includes('evil'), malformed);
});
