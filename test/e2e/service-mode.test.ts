import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {type Fleet, startFleet} from '../helpers/fleet.js';
import {scopeTo, startCli, waitFor} from '../helpers/cli.js';

/*
 * The service options through the built CLI on the simulated manager: --no-record exports and
 * records nothing; --retain removes our old session folders at start and keeps the rest.
 */

type Context = {fleet: Fleet; dir: string};
const test = anyTest as TestFn<Context>;

const dayMs = 86_400_000;
const dayName = (ms: number): string => {
	const date = new Date(ms);
	return `${String(date.getDate()).padStart(2, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${date.getFullYear()}`;
};

/** Every file under `folder`, relative, sorted. */
const listing = (folder: string): string[] => (fs.readdirSync(folder, {recursive: true}) as string[]).sort();

test.before(async t => {
	const fleet = await startFleet({daemons: [{name: 'wazuh-analysisd'}, {name: 'wazuh-db'}]});
	t.context = {fleet, dir: fs.mkdtempSync(path.join(os.tmpdir(), 'wm-service-'))};
});

test.after.always(async t => {
	await t.context.fleet?.stop();
	fs.rmSync(t.context.dir, {recursive: true, force: true});
});

test('--no-record: the textfile is written every tick, and no CSV, session folder or session.json anywhere', async t => {
	const state = path.join(t.context.dir, 'no-record-state');
	const textfile = path.join(t.context.dir, 'textfile');
	fs.mkdirSync(textfile, {mode: 0o700});
	const scope = scopeTo(t.context.fleet);
	const {child, finished} = startCli(['analysisd', 'db', '--headless', '--no-record', '--textfile', textfile, '-s', '0.5', '-H', '1'], {hooks: {...scope.hooks, stateRoot: state}});
	const prom = path.join(textfile, 'wazuh_metrics.prom');
	try {
		await waitFor(() => (fs.existsSync(prom) && fs.readFileSync(prom, 'utf8').includes('wazuh-analysisd') ? true : undefined), 60_000, 'the textfile with analysisd');
	} finally {
		child.kill('SIGTERM');
	}

	const run = await finished;
	t.is(run.code, 0, run.stderr);
	t.regex(run.stderr, /^wazuh-metrics: watching 2 daemons every 0\.5s, recording nothing \(--no-record\)$/m);
	t.notRegex(run.stderr, /rows recorded/);
	// The state folder holds the log alone; the textfile's folder nothing (the textfile goes at the end).
	t.deepEqual(listing(state), ['wazuh-metrics.log']);
	t.deepEqual(listing(textfile), []);
	t.regex(fs.readFileSync(path.join(state, 'wazuh-metrics.log'), 'utf8'), / INFO started .* -> nothing recorded \(--no-record\)\n/);
});

test('--retain at start: our old session folder goes, with a log line; a foreign one beside it and this run\'s stay', async t => {
	const state = path.join(t.context.dir, 'retain-state');
	const oldMs = Date.now() - 40 * dayMs;
	const oldDay = path.join(state, dayName(oldMs));
	const ours = path.join(oldDay, String(Math.floor(oldMs / 1000)));
	const foreign = path.join(oldDay, String(Math.floor(oldMs / 1000) + 1));
	for (const [folder, files] of [[ours, ['wazuh-analysisd.csv', 'session.json']], [foreign, ['wazuh-analysisd.csv', 'notes.txt']]] as const) {
		fs.mkdirSync(folder, {recursive: true, mode: 0o700});
		for (const file of files) {
			fs.writeFileSync(path.join(folder, file), file === 'session.json' ? '{"tool":"wazuh-metrics"}' : 'x\n', {mode: 0o600});
			fs.utimesSync(path.join(folder, file), oldMs / 1000, oldMs / 1000);
		}

		fs.utimesSync(folder, oldMs / 1000, oldMs / 1000);
	}

	const scope = scopeTo(t.context.fleet);
	const {child, finished} = startCli(['analysisd', '--headless', '--retain', '30', '-s', '0.5', '-H', '1'], {hooks: {...scope.hooks, stateRoot: state}});
	const log = path.join(state, 'wazuh-metrics.log');
	try {
		await waitFor(() => (fs.existsSync(log) && / INFO started /.test(fs.readFileSync(log, 'utf8')) ? true : undefined), 60_000, 'the run to start');
	} finally {
		child.kill('SIGTERM');
	}

	const run = await finished;
	t.is(run.code, 0, run.stderr);
	t.false(fs.existsSync(ours));
	t.deepEqual(listing(foreign), ['notes.txt', 'wazuh-analysisd.csv']);
	const text = fs.readFileSync(log, 'utf8');
	t.is(text.split('\n').filter(line => line.includes(` INFO --retain: removed ${ours} `)).length, 1, text);
	t.regex(text, / WARN --retain: kept .*: notes\.txt is not a file of this tool\n/);
	// This run's own session folder, today.
	const today = fs.readdirSync(path.join(state, dayName(Date.now())));
	t.is(today.length, 1);
});
