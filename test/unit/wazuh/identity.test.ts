import fs from 'node:fs';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import type {DaemonSpec} from '../../../source/wazuh/daemons.js';
import {Monitor} from '../../../source/collect/monitor.js';
import type {Snapshot} from '../../../source/model/snapshot.js';
import {installedSpecs, resolveArguments} from '../../../source/wazuh/daemon-specs.js';
import type {Installation} from '../../../source/wazuh/installation.js';
import type {Layout} from '../../../source/wazuh/reference.js';
import {FakeProc} from '../../helpers/fake-proc.js';

/*
 * Daemons recognised by what is installed (the Wazuh 5 issue), on a fake /proc: a process is a
 * daemon only when its executable (or the script its Python runs) is the program inside the
 * install folder and it runs as root or the Wazuh service user. No process is spawned.
 */

const serviceUid = 998;
const serviceGid = 997;

const installation = (layout: Layout, folder: string): Installation => ({folder, layout, version: '', owners: {uids: [0, serviceUid], gids: [serviceGid]}});
const manager5 = installation('manager-5', '/var/wazuh-manager');
const manager4 = installation('manager-4', '/var/ossec');
const agent = installation('agent', '/var/ossec');

function specsFor(target: Installation, names: string[]): DaemonSpec[] {
	const {specs, unknown} = resolveArguments(names, installedSpecs(target));
	if (unknown.length > 0) {
		throw new Error(`unknown ${unknown.join(', ')}`);
	}

	return specs;
}

type Watch = {proc: FakeProc; monitor: Monitor; warnings: string[]; ignored: string[]};

function watch(t: ExecutionContext, proc: FakeProc, daemons: DaemonSpec[], maxChildren?: number): Watch {
	const monitor = new Monitor({daemons, procRoot: proc.root, selfPid: proc.selfPid, clock: proc.clock, clockTicksPerSecond: proc.hz, ticker: false, maxChildren});
	t.teardown(async () => monitor.stop());
	const warnings: string[] = [];
	const ignored: string[] = [];
	monitor.on('warning', message => warnings.push(message));
	monitor.on('ignored', ({pid, name}) => ignored.push(`${name} ${pid}`));
	monitor.start();
	return {proc, monitor, warnings, ignored};
}

function fakeProc(t: ExecutionContext): FakeProc {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	return proc;
}

const tick = ({proc, monitor}: Watch): Snapshot => {
	proc.elapse(1);
	return monitor.tickNow();
};

const pidsByName = (snapshot: Snapshot): Record<string, number> => Object.fromEntries(snapshot.samples.map(sample => [sample.role, sample.pid]));

/** A native daemon as the installer starts it. */
const binary = (proc: FakeProc, folder: string, name: string, extra: Partial<Parameters<FakeProc['add']>[0]> = {}) =>
	proc.add({comm: name.slice(0, 15), argv: [`${folder}/bin/${name}`], exe: `${folder}/bin/${name}`, ...extra});

/** A script daemon: the bundled Python running the script. */
const script = (proc: FakeProc, folder: string, scriptPath: string, extra: Partial<Parameters<FakeProc['add']>[0]> = {}) =>
	proc.add({comm: 'python3', argv: [`${folder}/framework/python/bin/python3`, `${folder}/${scriptPath}`], exe: `${folder}/framework/python/bin/python3.10`, ...extra});

test('short arguments resolve to the names of each layout', t => {
	t.deepEqual(specsFor(manager5, ['analysisd', 'db', 'apid', 'clusterd']).map(spec => spec.name), ['wazuh-manager-analysisd', 'wazuh-manager-db', 'wazuh_manager_apid.py', 'wazuh_manager_clusterd.py']);
	t.deepEqual(specsFor(manager5, ['apid']).map(spec => spec.identity?.program), ['/var/wazuh-manager/api/scripts/wazuh_manager_apid.py']);
	t.deepEqual(specsFor(manager4, ['analysisd', 'db', 'apid', 'clusterd']).map(spec => spec.name), ['wazuh-analysisd', 'wazuh-db', 'wazuh_apid.py', 'wazuh_clusterd.py']);
	t.deepEqual(specsFor(manager4, ['clusterd']).map(spec => spec.identity?.program), ['/var/ossec/framework/scripts/wazuh_clusterd.py']);
	t.deepEqual(specsFor(agent, ['agentd', 'logcollector']).map(spec => spec.identity?.program), ['/var/ossec/bin/wazuh-agentd', '/var/ossec/bin/wazuh-logcollector']);
	// What a layout does not run is no daemon of it.
	t.deepEqual(resolveArguments(['dbd', 'agentd'], installedSpecs(manager5)).unknown, ['dbd', 'agentd']);
	t.deepEqual(resolveArguments(['analysisd'], installedSpecs(agent)).unknown, ['analysisd']);
	// The process name works as well as the argument.
	t.deepEqual(specsFor(manager5, ['wazuh-manager-remoted']).map(spec => spec.argument), ['remoted']);
});

test('5.x: analysisd, authd and apid share the comm wazuh-manager-a and are never confused', t => {
	const proc = fakeProc(t);
	const folder = manager5.folder;
	const analysisd = binary(proc, folder, 'wazuh-manager-analysisd');
	const authd = binary(proc, folder, 'wazuh-manager-authd', {uid: serviceUid, gid: serviceGid});
	// The API renames its process: comm is cut from its title, like the native daemons'.
	const apid = script(proc, folder, 'api/scripts/wazuh_manager_apid.py', {comm: 'wazuh-manager-a', uid: serviceUid, gid: serviceGid});
	const worker = proc.addChild(apid);
	for (const pid of [analysisd, authd]) {
		t.is(proc.get(pid).comm, 'wazuh-manager-a');
	}

	const context = watch(t, proc, specsFor(manager5, ['analysisd', 'authd', 'apid']));
	t.deepEqual(pidsByName(tick(context)), {
		'wazuh-manager-analysisd': analysisd,
		'wazuh-manager-authd': authd,
		'wazuh_manager_apid.py': apid,
		'wazuh_manager_apid.py_child_1': worker,
	});
});

test('a look-alike (same name and comm, started earlier) of another user, or from another folder, is never adopted', t => {
	const proc = fakeProc(t);
	const folder = manager4.folder;
	// Started first, as a local user could: a copy of the binary in their home, their own script.
	const fromHome = binary(proc, '/home/mallory', 'wazuh-analysisd', {uid: 1000, gid: 1000});
	const fakeApi = proc.add({comm: 'python3', argv: ['/usr/bin/python3', '/home/mallory/wazuh_apid.py'], exe: '/usr/bin/python3.11', uid: 1000, gid: 1000});
	// The genuine program, run by someone who is neither root nor the service user.
	const wrongOwner = binary(proc, folder, 'wazuh-db', {uid: 1000, gid: 1000});
	// A relative script path is resolved against the working folder: this one is elsewhere.
	const relative = proc.add({comm: 'python3', argv: ['python3', 'api/scripts/wazuh_apid.py'], exe: '/usr/bin/python3', cwd: '/tmp/mallory', uid: 0});
	proc.elapse(5);
	const analysisd = binary(proc, folder, 'wazuh-analysisd');
	const api = script(proc, folder, 'api/scripts/wazuh_apid.py', {uid: serviceUid, gid: serviceGid});

	const context = watch(t, proc, specsFor(manager4, ['analysisd', 'apid', 'db']));
	const first = tick(context);
	t.deepEqual(pidsByName(first), {'wazuh-analysisd': analysisd, 'wazuh_apid.py': api});
	t.deepEqual(context.monitor.daemons.find(daemon => daemon.name === 'wazuh-db')?.status, 'down');
	t.deepEqual(context.ignored.sort(), [`wazuh-analysisd ${fromHome}`, `wazuh-db ${wrongOwner}`, `wazuh_apid.py ${fakeApi}`, `wazuh_apid.py ${relative}`].sort());
	// Told once per process, however many checks see it again.
	for (let index = 0; index < 12; index++) {
		tick(context);
	}

	t.is(context.ignored.length, 4);
	t.deepEqual(context.warnings, []);
});

test('with no names, every daemon of the installation that runs is found, look-alikes left out', t => {
	const proc = fakeProc(t);
	const folder = agent.folder;
	const agentd = binary(proc, folder, 'wazuh-agentd', {uid: serviceUid, gid: serviceGid});
	const logcollector = binary(proc, folder, 'wazuh-logcollector');
	binary(proc, '/opt/other', 'wazuh-execd');
	const context = watch(t, proc, installedSpecs(agent));
	const snapshot = tick(context);
	t.deepEqual(pidsByName(snapshot), {'wazuh-agentd': agentd, 'wazuh-logcollector': logcollector});
	t.deepEqual(context.monitor.daemons.filter(daemon => daemon.status === 'running').map(daemon => daemon.name).sort(), ['wazuh-agentd', 'wazuh-logcollector']);
});

test('several genuine instances: the newest is followed, each stale one warned about once', t => {
	const proc = fakeProc(t);
	const folder = manager5.folder;
	const stale = binary(proc, folder, 'wazuh-manager-remoted');
	proc.elapse(30);
	const current = binary(proc, folder, 'wazuh-manager-remoted');
	const context = watch(t, proc, specsFor(manager5, ['remoted']));
	t.deepEqual(pidsByName(tick(context)), {'wazuh-manager-remoted': current});
	for (let index = 0; index < 12; index++) {
		tick(context);
	}

	t.deepEqual(context.warnings, [`a stale instance of wazuh-manager-remoted is running: pid ${stale}, older than pid ${current}, which is followed`]);
});

test('children cap: the oldest are followed with their names kept, and one warning', t => {
	const proc = fakeProc(t);
	const root = binary(proc, manager4.folder, 'wazuh-modulesd');
	const first = Array.from({length: 3}, () => proc.addChild(root));
	const context = watch(t, proc, specsFor(manager4, ['modulesd']), 5);
	proc.elapse(1);
	const burst = Array.from({length: 40}, () => proc.addChild(root));
	// The tick that sees the burst looks again at its end; the next one samples what it chose.
	tick(context);
	const snapshot = tick(context);
	// Three children followed from the start keep their names; two of the burst fill the cap.
	const children = snapshot.samples.filter(sample => sample.childIndex > 0);
	t.is(children.length, 5);
	t.deepEqual(first.map(pid => children.find(sample => sample.pid === pid)?.role), ['wazuh-modulesd_child_1', 'wazuh-modulesd_child_2', 'wazuh-modulesd_child_3']);
	t.deepEqual(children.filter(sample => !first.includes(sample.pid)).map(sample => sample.pid), burst.slice(0, 2));
	t.is(context.warnings.length, 1);
	t.regex(context.warnings[0]!, /wazuh-modulesd has 43 child processes: only 5 are followed/);
	for (let index = 0; index < 5; index++) {
		t.is(tick(context).samples.filter(sample => sample.childIndex > 0).length, 5);
	}

	t.is(context.warnings.length, 1);
});

test('threads of each process, as the kernel counts them', t => {
	const proc = fakeProc(t);
	const root = binary(proc, manager5.folder, 'wazuh-manager-db', {threads: 37});
	const child = proc.addChild(root, {threads: 2});
	const context = watch(t, proc, specsFor(manager5, ['db']));
	let snapshot = tick(context);
	t.is(snapshot.samples.find(sample => sample.pid === root)?.threads, 37);
	t.is(snapshot.samples.find(sample => sample.pid === child)?.threads, 2);
	proc.update(root, {threads: 41});
	snapshot = tick(context);
	t.is(snapshot.samples.find(sample => sample.pid === root)?.threads, 41);
});

test('without root (exe unreadable), argv[0] stands for the program; the owner check still decides', t => {
	const proc = fakeProc(t);
	const folder = manager4.folder;
	const genuine = binary(proc, folder, 'wazuh-analysisd', {uid: serviceUid, gid: serviceGid});
	// Someone else's process claiming the installed path in argv[0].
	const claimant = binary(proc, folder, 'wazuh-remoted', {uid: 1000, gid: 1000});
	const elsewhere = proc.add({comm: 'wazuh-db', argv: ['/home/mallory/wazuh-db'], exe: '/home/mallory/wazuh-db', uid: serviceUid, gid: serviceGid});
	// What a non-root reader meets: readlink of /proc/PID/exe fails.
	for (const pid of [genuine, claimant, elsewhere]) {
		const exe = path.join(proc.root, String(pid), 'exe');
		fs.rmSync(exe);
		fs.mkdirSync(exe);
	}

	const context = watch(t, proc, specsFor(manager4, ['analysisd', 'remoted', 'db']));
	t.deepEqual(pidsByName(tick(context)), {'wazuh-analysisd': genuine});
	t.deepEqual(context.ignored.sort(), [`wazuh-db ${elsewhere}`, `wazuh-remoted ${claimant}`].sort());
});
