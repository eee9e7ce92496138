import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type ExecutionContext, type TestFn} from 'ava';
import {type CsvFile, type Finished, readCsv, scopeTo, startCli, waitFor} from '../helpers/cli.js';
import {type Fleet, startFleet} from '../helpers/fleet.js';
import {type User, user} from '../helpers/harden.js';

/*
 * The service way (docs/security.md#least-privilege): the same simulated manager, run by root, is
 * recorded at the same time by root and by `nobody` holding only CAP_SYS_PTRACE and
 * CAP_DAC_READ_SEARCH as ambient capabilities (setpriv, as systemd's AmbientCapabilities= gives
 * them), with STATE_DIRECTORY set and no home (nobody's is /nonexistent). Every CSV column of the
 * two recordings is compared. Then nobody without capabilities is told once what is missing.
 */

type Recording = {run: Finished; folder: string; files: Map<string, CsvFile>};
type Context = {skip?: string; dir: string; fleet?: Fleet; root?: Recording; nobody?: Recording; bare?: {run: Finished; log: string}};
const test = anyTest as TestFn<Context>;

const daemons = ['analysisd', 'db', 'logcollector', 'modulesd'];
const expectedFiles = ['wazuh-analysisd.csv', 'wazuh-db.csv', 'wazuh-logcollector.csv', 'wazuh-modulesd.csv', 'wazuh-modulesd_child_1.csv', 'wazuh-modulesd_child_2.csv'];
const rows = 6;
const capabilities = '+sys_ptrace,+dac_read_search';
const setpriv = (nobody: User, caps: boolean): string[] => [
	'setpriv', `--reuid=${nobody.uid}`, `--regid=${nobody.gid}`, '--clear-groups',
	...caps ? [`--inh-caps=${capabilities}`, `--ambient-caps=${capabilities}`] : [],
];

const readAll = (folder: string): Map<string, CsvFile> =>
	new Map(fs.readdirSync(folder).filter(name => name.endsWith('.csv')).sort().map(name => [name, readCsv(path.join(folder, name))]));

const enoughRows = (folder: () => string | undefined) => (): true | undefined => {
	const found = folder();
	return found !== undefined && expectedFiles.every(name => {
		try {
			return readCsv(path.join(found, name)).rows.length >= rows;
		} catch {
			return false;
		}
	}) ? true : undefined;
};

/** The one session folder under a state folder: `<state>/<dd-mm-YYYY>/<epoch>`. */
function sessionFolder(state: string): string | undefined {
	for (const day of fs.readdirSync(state).filter(name => /^\d{2}-\d{2}-\d{4}$/.test(name))) {
		const [session] = fs.readdirSync(path.join(state, day));
		if (session !== undefined) {
			return path.join(state, day, session);
		}
	}

	return undefined;
}

test.before(async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-least-'));
	t.context = {dir};
	const nobody = user('nobody');
	if (process.geteuid?.() !== 0 || nobody === undefined || !fs.existsSync('/usr/bin/setpriv')) {
		t.context.skip = 'needs root, the user nobody and setpriv (util-linux) to run the CLI with capabilities only';
		return;
	}

	fs.chmodSync(dir, 0o755);
	const state = path.join(dir, 'state');
	const bareState = path.join(dir, 'bare-state');
	for (const folder of [state, bareState]) {
		// As systemd makes a StateDirectory: the service user's, writable by it alone.
		fs.mkdirSync(folder, {mode: 0o700});
		fs.chownSync(folder, nobody.uid, nobody.gid);
	}

	const fleet = await startFleet({
		daemons: [
			{name: 'wazuh-analysisd', shape: {cpu: 0.3, memoryMb: 32, fds: 30, writeBytesPerSec: 128 * 1024}},
			{name: 'wazuh-db'},
			{name: 'wazuh-logcollector', shape: {fds: 40}},
			{name: 'wazuh-modulesd', shape: {children: 2}},
		],
	});
	t.context.fleet = fleet;
	const rootFolder = path.join(dir, 'root-recording');
	const args = [...daemons, '--headless', '--no-stats', '-s', '0.5', '-H', '1', '-v', '4.9.0'];
	// No home, no XDG: only STATE_DIRECTORY tells nobody's run where to record.
	const environment = {STATE_DIRECTORY: state, XDG_STATE_HOME: undefined, HOME: '/nonexistent'};
	const root = startCli([...args, '--store-process', rootFolder], scopeTo(fleet));
	const unprivileged = startCli(args, {...scopeTo(fleet), via: setpriv(nobody, true), env: environment});
	let ended = false;
	for (const each of [root, unprivileged]) {
		void each.finished.then(() => {
			ended = true;
		});
	}

	try {
		// Or one of them ended early (refused, crashed): the tests then say why.
		await waitFor(() => ended || (enoughRows(() => rootFolder)() && enoughRows(() => sessionFolder(state))()), 90_000, `${rows} rows in every file of both recordings`);
	} finally {
		root.child.kill('SIGTERM');
		unprivileged.child.kill('SIGTERM');
	}

	const nobodyFolder = sessionFolder(state) ?? state;
	t.context.root = {run: await root.finished, folder: rootFolder, files: readAll(rootFolder)};
	t.context.nobody = {run: await unprivileged.finished, folder: nobodyFolder, files: readAll(nobodyFolder)};

	const bare = startCli(args, {...scopeTo(fleet), via: setpriv(nobody, false), env: {...environment, STATE_DIRECTORY: bareState}});
	const log = path.join(bareState, 'wazuh-metrics.log');
	ended = false;
	void bare.finished.then(() => {
		ended = true;
	});
	try {
		// Started (or ended: the line comes first, whatever follows).
		await waitFor(() => (ended || (fs.existsSync(log) && / INFO started /.test(fs.readFileSync(log, 'utf8'))) ? true : undefined), 60_000, 'the run without capabilities to start');
	} finally {
		bare.child.kill('SIGTERM');
	}

	t.context.bare = {run: await bare.finished, log: fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''};
});

test.after.always(async t => {
	await t.context.fleet?.stop();
	fs.rmSync(t.context.dir, {recursive: true, force: true});
});

/** Skipped only outside CI, and said; CI runs as root on Debian and must run these. */
function skipped(t: ExecutionContext<Context>): boolean {
	if (t.context.skip === undefined) {
		return false;
	}

	t.false(Boolean(process.env.CI), `CI must run this: ${t.context.skip}`);
	t.log(`not run here: ${t.context.skip}`);
	return true;
}

test('nobody with the two capabilities records into STATE_DIRECTORY, without a home, as the service user', t => {
	if (skipped(t)) {
		return;
	}

	const {root, nobody} = t.context;
	t.is(root!.run.code, 0, root!.run.stderr);
	t.is(nobody!.run.code, 0, nobody!.run.stderr);
	t.notRegex(nobody!.run.stderr, /cannot write|cannot read|without CAP_/);
	t.is(fs.statSync(path.join(nobody!.folder, 'wazuh-analysisd.csv')).uid, user('nobody')!.uid, 'written by nobody, so it really was not root');
	t.true(fs.existsSync(path.join(path.dirname(path.dirname(nobody!.folder)), 'wazuh-metrics.log')), 'the log is in STATE_DIRECTORY too');
});

test('every CSV column of both recordings: the same header, nothing empty, the steady columns equal', t => {
	if (skipped(t)) {
		return;
	}

	const root = t.context.root!.files;
	const nobody = t.context.nobody!.files;
	t.deepEqual([...root.keys()], expectedFiles);
	t.deepEqual([...nobody.keys()], expectedFiles);
	for (const name of expectedFiles) {
		const ofRoot = root.get(name)!;
		const ofNobody = nobody.get(name)!;
		t.deepEqual(ofNobody.header, ofRoot.header, name);
		for (const [who, file] of [['root', ofRoot], ['nobody', ofNobody]] as const) {
			for (const [index, row] of file.rows.entries()) {
				for (const column of file.header) {
					t.not(row[column], '', `${who}: ${name} row ${index + 1} has ${column}`);
				}
			}
		}

		// What does not move between the two runs: who (name, PID), the version, the threads and
		// the fds of the idle daemons (analysisd's writes open files now and then).
		const steady = ['Daemon', 'Version', 'PID', 'Threads', ...name === 'wazuh-analysisd.csv' ? [] : ['FD']];
		for (const column of steady) {
			const values = (file: CsvFile): string[] => [...new Set(file.rows.map(row => row[column]!))].sort();
			t.deepEqual(values(ofNobody), values(ofRoot), `${name}: ${column}`);
		}
	}
});

test('nobody without capabilities is told once, on stderr and in the log, which figures are missing and why', t => {
	if (skipped(t)) {
		return;
	}

	const {run, log} = t.context.bare!;
	const line = 'running as nobody without CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH: USS, PSS, FD and disk IO of other users\' processes (root\'s and Wazuh\'s daemons) are empty; give it CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH (see docs/security.md)';
	t.is(run.stderr.split('\n').filter(each => each.includes('without CAP_')).length, 1, run.stderr);
	t.true(run.stderr.includes(`wazuh-metrics: ${line}\n`), run.stderr);
	t.is(log.split('\n').filter(each => each.endsWith(` WARN ${line}`)).length, 1, log);
});
