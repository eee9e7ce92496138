import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {type FakeDaemon, type Fleet, startFleet} from '../../helpers/fleet.js';
import {type CsvFile, readCsv, startCli, waitFor} from '../../helpers/cli.js';
import {trackChild, untrackChild} from '../../helpers/children.js';
import {user} from '../../helpers/harden.js';

/*
 * Simulated hosts laid out like a real 4.x manager, a 5.x manager and an agent: real processes whose
 * /proc/PID/exe is a binary inside a temporary install folder. Beside each, an unprivileged user's
 * look-alike: same name, same comm, started earlier, from their own folder. The CLI is given the
 * install folder only (no scope): what it adopts is decided by identity alone.
 */

const nobody = user('nobody');

type Host = {fleet: Fleet; lookAlikes: number[]};

/** A copy of bash named like a daemon, run by nobody from a folder of theirs; idle until we go. */
function startLookAlike(t: ExecutionContext, name: string, argv: (program: string) => string[]): ChildProcess {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-mallory-'));
	fs.chmodSync(folder, 0o755);
	const program = path.join(folder, name);
	fs.copyFileSync('/bin/bash', program);
	fs.chmodSync(program, 0o755);
	// Stdin is a pipe from us: when the test's worker goes, `read` ends and so does the look-alike.
	const child = spawn(program, argv(program), {stdio: ['pipe', 'ignore', 'ignore'], ...nobody === undefined ? {} : {uid: nobody.uid, gid: nobody.gid}});
	trackChild(child.pid);
	child.once('exit', () => {
		untrackChild(child.pid);
	});
	t.teardown(() => {
		child.kill('SIGKILL');
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return child;
}

async function startHost(t: ExecutionContext, daemons: FakeDaemon[], lookAlikes: string[]): Promise<Host> {
	const impostors = lookAlikes.map(name => name.endsWith('.py')
		? startLookAlike(t, 'python3', program => {
			// Their own script with the daemon's name, run by their "python3".
			const script = path.join(path.dirname(program), name);
			fs.writeFileSync(script, 'read -t 600 line\n', {mode: 0o644});
			return [script];
		})
		: startLookAlike(t, name, () => ['-c', 'read -t 600 line']));
	// Started after the look-alikes: an adopter of the oldest would take theirs.
	// Running as theirs (exec done: comm is the daemon's name), not exited.
	const running = (child: ChildProcess): boolean => {
		try {
			return child.exitCode === null && fs.readFileSync(`/proc/${child.pid}/status`, 'utf8').includes(`\nUid:\t${nobody?.uid ?? 0}\t`) && fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim() !== 'node';
		} catch {
			return false;
		}
	};

	await waitFor(() => (impostors.every(child => running(child)) ? true : undefined), 60_000, 'the look-alikes');
	const fleet = await startFleet({daemons});
	t.teardown(async () => fleet.stop());
	return {fleet, lookAlikes: impostors.map(child => child.pid!)};
}

/** Runs the CLI on the host until every expected file has two rows; returns the files. */
async function record(t: ExecutionContext, host: Host, names: string[], expected: string[], extra: {maxChildren?: number} = {}): Promise<{files: Map<string, CsvFile>; stderr: string}> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-hosts-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const {child, finished} = startCli([...names, '--headless', '-s', '0.5', '-H', '1', '-d', '--store-process', folder], {hooks: {installFolders: [host.fleet.dir], ...extra}});
	t.teardown(() => child.kill('SIGKILL'));
	const rowsOf = (name: string): number => {
		try {
			return readCsv(path.join(folder, name)).rows.length;
		} catch {
			return 0;
		}
	};

	await waitFor(() => (expected.every(name => rowsOf(name) >= 2) ? true : undefined), 60_000, `rows in ${expected.join(', ')}`);
	child.kill('SIGTERM');
	const run = await finished;
	t.is(run.code, 0, run.stderr);
	const files = new Map(fs.readdirSync(folder).filter(name => name.endsWith('.csv')).map(name => [name, readCsv(path.join(folder, name))]));
	return {files, stderr: run.stderr};
}

const pidsIn = (files: Map<string, CsvFile>): Set<number> => new Set([...files.values()].flatMap(file => file.rows.map(row => Number(row.PID))));

function threadsOf(pid: number): number {
	return Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

const hosts = [
	{
		layout: '4.x manager',
		daemons: [
			{name: 'wazuh-analysisd'},
			{name: 'wazuh-db'},
			{name: 'wazuh-dbd'},
			{name: 'wazuh_apid.py', shape: {children: 1}},
			{name: 'wazuh_clusterd.py'},
		],
		lookAlikes: ['wazuh-analysisd', 'wazuh-remoted', 'wazuh_apid.py'],
		files: ['wazuh-analysisd.csv', 'wazuh-db.csv', 'wazuh-dbd.csv', 'wazuh_apid.csv', 'wazuh_apid_child_1.csv', 'wazuh_clusterd.csv'],
	},
	{
		layout: '5.x manager',
		daemons: [
			{name: 'wazuh-manager-analysisd'},
			{name: 'wazuh-manager-authd'},
			{name: 'wazuh-manager-db'},
			{name: 'wazuh_manager_apid.py', shape: {children: 1}},
			{name: 'wazuh_manager_clusterd.py'},
		],
		lookAlikes: ['wazuh-manager-analysisd', 'wazuh-manager-remoted', 'wazuh_manager_apid.py'],
		files: ['wazuh-manager-analysisd.csv', 'wazuh-manager-authd.csv', 'wazuh-manager-db.csv', 'wazuh_manager_apid.csv', 'wazuh_manager_apid_child_1.csv', 'wazuh_manager_clusterd.csv'],
	},
	{
		layout: 'agent',
		daemons: [
			{name: 'wazuh-agentd'},
			{name: 'wazuh-execd'},
			{name: 'wazuh-logcollector'},
			{name: 'wazuh-modulesd', shape: {children: 1}},
			{name: 'wazuh-syscheckd'},
		],
		lookAlikes: ['wazuh-agentd', 'wazuh-logcollector'],
		files: ['wazuh-agentd.csv', 'wazuh-execd.csv', 'wazuh-logcollector.csv', 'wazuh-modulesd.csv', 'wazuh-modulesd_child_1.csv', 'wazuh-syscheckd.csv'],
	},
] as const;

for (const host of hosts) {
	test(`${host.layout}: every daemon found with no names given, the look-alikes never adopted, threads exact`, async t => {
		const simulated = await startHost(t, host.daemons.map(daemon => ({...daemon})), [...host.lookAlikes]);
		const {files, stderr} = await record(t, simulated, [], [...host.files]);
		t.deepEqual([...files.keys()].sort(), [...host.files].sort());
		const recorded = pidsIn(files);
		t.deepEqual(simulated.lookAlikes.filter(pid => recorded.has(pid)), [], 'no look-alike recorded');
		for (const {name} of host.daemons) {
			const file = files.get(`${name.replace(/\.py$/, '')}.csv`)!;
			const pid = simulated.fleet.pidOf(name)!;
			t.deepEqual(new Set(file.rows.map(row => Number(row.PID))), new Set([pid]), name);
			t.true(file.rows.every(row => row.Daemon === name), `${name}: the Daemon column is the process name`);
			t.is(Number(file.rows.at(-1)!.Threads), threadsOf(pid), `${name}: threads`);
		}

		t.regex(stderr, /watching every running Wazuh daemon of Wazuh /);
	});
}

test('5.x manager: the short arguments resolve to its names; analysisd, authd and apid (one comm) are never confused', async t => {
	const host = hosts[1];
	const simulated = await startHost(t, host.daemons.map(daemon => ({...daemon})), ['wazuh-manager-analysisd']);
	const pids = Object.fromEntries(host.daemons.map(({name}) => [name, simulated.fleet.pidOf(name)!]));
	for (const name of ['wazuh-manager-analysisd', 'wazuh-manager-authd']) {
		t.is(fs.readFileSync(`/proc/${pids[name]!}/comm`, 'utf8').trim(), 'wazuh-manager-a');
	}

	const expected = ['wazuh-manager-analysisd.csv', 'wazuh-manager-authd.csv', 'wazuh_manager_apid.csv', 'wazuh_manager_apid_child_1.csv'];
	const {files} = await record(t, simulated, ['analysisd', 'authd', 'apid'], expected);
	t.deepEqual([...files.keys()].sort(), expected.sort());
	for (const [file, name] of [['wazuh-manager-analysisd.csv', 'wazuh-manager-analysisd'], ['wazuh-manager-authd.csv', 'wazuh-manager-authd'], ['wazuh_manager_apid.csv', 'wazuh_manager_apid.py']] as const) {
		t.deepEqual(new Set(files.get(file)!.rows.map(row => Number(row.PID))), new Set([pids[name]]), file);
	}
});

test('the children cap holds: the oldest children are followed, one warning', async t => {
	const simulated = await startHost(t, [{name: 'wazuh-modulesd', shape: {children: 6}}, {name: 'wazuh-analysisd'}], []);
	const {files, stderr} = await record(t, simulated, ['modulesd'], ['wazuh-modulesd.csv', 'wazuh-modulesd_child_1.csv', 'wazuh-modulesd_child_2.csv'], {maxChildren: 2});
	t.deepEqual([...files.keys()].sort(), ['wazuh-modulesd.csv', 'wazuh-modulesd_child_1.csv', 'wazuh-modulesd_child_2.csv']);
	t.is(stderr.match(/wazuh-modulesd has 6 child processes: only 2 are followed/g)?.length, 1, stderr);
});
