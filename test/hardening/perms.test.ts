import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {type CsvFile, type Finished, readCsv, startCli, waitFor} from '../helpers/cli.js';
import {childrenOf, kernelCountsFdsInStat, killGroup, procView, rawLines, type User, user} from '../helpers/harden.js';

/*
 * No permission: the CLI runs as an unprivileged user (`daemon`) and watches daemons of other users
 * (`nobody`, root) and one of its own. stat is world-readable; smaps_rollup and io need ptrace
 * access. One recording of a few seconds is shared by the assertions.
 */

type Daemon = {name: string; owner: User; pids: number[]; fds: Map<number, number>};
type Context = {
	skip?: string;
	dir: string;
	folder: string;
	run: Finished;
	files: Map<string, CsvFile>;
	denied: Daemon[];
	own: Daemon;
	groups: ChildProcess[];
};
const test = anyTest as TestFn<Context>;

/** Only in the memory maps; RSS and SWAP also come from /proc/PID/status, which anyone may read. */
const mapsColumns = ['USS(KB)', 'PSS(KB)'];
const ioColumns = ['Read_Ops', 'Write_Ops', 'Disk_Read(KB)', 'Disk_Written(KB)', 'Disk_Read_Speed(KB/s)', 'Disk_Write_Speed(KB/s)'];
const warningPattern = /^wazuh-metrics: cannot read (memory maps|io counters|open file descriptors) \(.*\) of (\S+) \(pid (\d+)\): (.*)$/;

/** Starts `command` as `owner` in its own process group (so the whole tree can be killed). */
function startAs(command: string, args: string[], owner: User): ChildProcess {
	const child = spawn(command, args, {uid: owner.uid, gid: owner.gid, stdio: 'ignore', detached: true});
	child.unref();
	return child;
}

const fdCount = (pid: number): number => fs.readdirSync(`/proc/${pid}/fd`).length;
const commOf = (pid: number): string => fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trimEnd();

test.before(async t => {
	const cliUser = user('daemon');
	const nobody = user('nobody');
	const root = {name: 'root', uid: 0, gid: 0};
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-perms-'));
	t.context = {dir, groups: []} as unknown as Context;
	if (process.getuid?.() !== 0 || cliUser === undefined || nobody === undefined) {
		t.context.skip = 'needs root and the users daemon and nobody to run a monitor without permission';
		return;
	}

	// The other user must reach the test dir, write the recording and its log (the stateRoot hook) there.
	// Its folders are its own: the CLI refuses one that another user could change (safe-folder.ts).
	fs.chmodSync(dir, 0o755);
	const folder = path.join(dir, 'store');
	const temporary = path.join(dir, 'tmp');
	for (const writable of [folder, temporary]) {
		fs.mkdirSync(writable, {mode: 0o700});
		fs.chownSync(writable, cliUser.uid, cliUser.gid);
	}

	const bin = path.join(dir, 'bin');
	fs.mkdirSync(bin, {mode: 0o755});
	// The kernel names a process after the file it exec'd: a symlink gives sleep a daemon's comm.
	fs.symlinkSync('/bin/sh', path.join(bin, 'wazuh-csyslogd'));
	fs.symlinkSync('/bin/sleep', path.join(bin, 'wazuh-integratord'));
	fs.symlinkSync('/bin/sleep', path.join(bin, 'wazuh-agentlessd'));

	// Nobody's daemon has two children, so "one warning per daemon" is not one per process.
	const csyslogd = startAs(path.join(bin, 'wazuh-csyslogd'), ['-c', 'sleep 300 & sleep 300 & wait'], nobody);
	const integratord = startAs(path.join(bin, 'wazuh-integratord'), ['300'], root);
	const agentlessd = startAs(path.join(bin, 'wazuh-agentlessd'), ['300'], cliUser);
	t.context.groups = [csyslogd, integratord, agentlessd];
	const children = await waitFor(() => {
		const found = childrenOf(csyslogd.pid!);
		return found.length === 2 ? found : undefined;
	}, 60_000, 'the two children of the fake csyslogd');
	// Until exec a child still holds Node's (or sh's) descriptors, so its fd count is not yet the
	// program's: count only once every process carries its program's name.
	const programs = new Map([[csyslogd.pid!, 'wazuh-csyslogd'], [integratord.pid!, 'wazuh-integrato'], [agentlessd.pid!, 'wazuh-agentless'], ...children.map(pid => [pid, 'sleep'] as const)]);
	await waitFor(() => [...programs].every(([pid, comm]) => commOf(pid) === comm) || undefined, 60_000, 'every fake daemon to exec its program');
	// Right after exec the loader still opens and closes files (the libraries): count once each
	// program sleeps in its system call (state S) with the same count at two polls in a row (100 ms apart).
	const stateOf = (pid: number): string => /\) (\S)/.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? '';
	let previous = '';
	await waitFor(() => {
		const counts = [...programs.keys()].map(pid => `${stateOf(pid)}${fdCount(pid)}`).join(',');
		const settled = counts === previous && [...programs.keys()].every(pid => stateOf(pid) === 'S');
		previous = counts;
		return settled || undefined;
	}, 60_000, 'every fake daemon asleep with a steady fd count');
	const daemon = (name: string, owner: User, pids: number[]): Daemon =>
		({name, owner, pids, fds: new Map(pids.map(pid => [pid, fdCount(pid)]))});
	const denied = [daemon('wazuh-csyslogd', nobody, [csyslogd.pid!, ...children]), daemon('wazuh-integratord', root, [integratord.pid!])];
	const own = daemon('wazuh-agentlessd', cliUser, [agentlessd.pid!]);
	const view = procView(path.join(dir, 'proc'), [...denied, own].flatMap(each => each.pids));

	const {child, finished} = startCli(
		['csyslogd', 'integratord', 'agentlessd', '--match-by-name', '--headless', '-s', '0.2', '-H', '1', '-v', '4.9.0', '--store-process', folder],
		{as: cliUser, hooks: {procRoot: view, stateRoot: path.join(temporary, 'process_metrics')}},
	);
	const expected = ['wazuh-agentlessd.csv', 'wazuh-csyslogd.csv', 'wazuh-csyslogd_child_1.csv', 'wazuh-csyslogd_child_2.csv', 'wazuh-integratord.csv'];
	try {
		await waitFor(() => expected.every(name => {
			const file = path.join(folder, name);
			return fs.existsSync(file) && rawLines(file).length > 6;
		}) || undefined, 20_000, 'five rows in every file');
	} finally {
		child.kill('SIGTERM');
	}

	const run = await finished;
	const files = new Map(fs.readdirSync(folder).filter(name => name.endsWith('.csv')).map(name => [name, readCsv(path.join(folder, name))]));
	Object.assign(t.context, {folder, run, files, denied, own});
});

test.after.always(t => {
	for (const group of t.context.groups ?? []) {
		killGroup(group.pid);
	}

	fs.rmSync(t.context.dir, {recursive: true, force: true});
});

test('the CLI ran as the unprivileged user and ended normally', t => {
	if (t.context.skip !== undefined) {
		// Not a silent pass: CI runs as root on Debian, where both users exist, and must run it.
		t.false(Boolean(process.env.CI), `CI must run this: ${t.context.skip}`);
		t.log(`not run here: ${t.context.skip}`);
		return;
	}

	const {run, folder} = t.context;
	t.is(run.code, 0, run.stderr);
	const owner = fs.statSync(path.join(folder, 'wazuh-csyslogd.csv')).uid;
	t.is(owner, user('daemon')!.uid, 'the CSVs were written by the CLI user, so it really was not root');
	t.notRegex(run.stderr, /cannot write/);
});

test('every file parses strictly and has no blank line', t => {
	if (t.context.skip !== undefined) {
		t.false(Boolean(process.env.CI), `CI must run this: ${t.context.skip}`);
		return;
	}

	t.deepEqual([...t.context.files.keys()].sort(), [
		'wazuh-agentlessd.csv',
		'wazuh-csyslogd.csv',
		'wazuh-csyslogd_child_1.csv',
		'wazuh-csyslogd_child_2.csv',
		'wazuh-integratord.csv',
	]);
	for (const name of t.context.files.keys()) {
		const lines = rawLines(path.join(t.context.folder, name));
		t.is(lines.pop(), '', `${name} ends with a newline`);
		t.false(lines.some(line => line.trim() === ''), `${name} has a blank line`);
	}
});

test('another user\'s processes: PID, CPU, VMS, RSS and SWAP recorded; USS, PSS and io cells empty, never zero', t => {
	if (t.context.skip !== undefined) {
		t.false(Boolean(process.env.CI), `CI must run this: ${t.context.skip}`);
		return;
	}

	const fdsInStat = kernelCountsFdsInStat();
	t.log(`FD through stat(/proc/PID/fd).st_size, which needs no ptrace access: ${fdsInStat ? 'yes' : 'no (listing: EACCES)'}`);
	for (const daemon of t.context.denied) {
		daemon.pids.forEach((pid, index) => {
			const name = index === 0 ? daemon.name : `${daemon.name}_child_${index}`;
			const {rows} = t.context.files.get(`${name}.csv`)!;
			t.true(rows.length >= 5, `${name}: ${rows.length} rows`);
			for (const row of rows) {
				t.is(row.PID, String(pid), name);
				t.regex(row['CPU(%)']!, /^\d+(\.\d+)?$/, `${name} CPU`);
				t.true(Number(row['VMS(KB)']) > 0, `${name} VMS ${row['VMS(KB)']}`);
				t.true(Number(row['RSS(KB)']) > 0, `${name} RSS ${row['RSS(KB)']}`);
				t.regex(row['SWAP(KB)']!, /^\d+(\.\d+)?$/, `${name} SWAP`);
				for (const column of [...mapsColumns, ...ioColumns]) {
					t.is(row[column], '', `${name} ${column} is not empty for a process of ${daemon.owner.name}`);
				}

				// The count is exact when the kernel gives it without permission; otherwise empty.
				t.is(row.FD, fdsInStat ? String(daemon.fds.get(pid)) : '', `${name} FD`);
			}
		});
	}
});

test('its own processes: every cell is filled', t => {
	if (t.context.skip !== undefined) {
		t.false(Boolean(process.env.CI), `CI must run this: ${t.context.skip}`);
		return;
	}

	const {own} = t.context;
	const {rows} = t.context.files.get(`${own.name}.csv`)!;
	t.true(rows.length >= 5);
	for (const row of rows) {
		t.is(row.PID, String(own.pids[0]));
		for (const [column, value] of Object.entries(row)) {
			t.not(value, '', `${column} of a process of the CLI's own user`);
		}

		t.true(Number(row['RSS(KB)']) > 0);
		t.is(row.FD, String(own.fds.get(own.pids[0]!)));
	}
});

test('exactly one warning per daemon and field group on stderr, saying to run as root', t => {
	if (t.context.skip !== undefined) {
		t.false(Boolean(process.env.CI), `CI must run this: ${t.context.skip}`);
		return;
	}

	const warnings = t.context.run.stderr.split('\n').filter(line => line.includes('cannot read '));
	t.log(warnings.join('\n'));
	const seen = new Map<string, number>();
	for (const line of warnings) {
		const match = warningPattern.exec(line);
		t.truthy(match, `not a warning line: ${line}`);
		if (!match) {
			continue;
		}

		const [, group, name, , reason] = match;
		const daemon = name!.replace(/_child_\d+$/, '');
		const key = `${daemon}:${group}`;
		seen.set(key, (seen.get(key) ?? 0) + 1);
		t.regex(reason!, /^permission denied; run as root to read another user's /);
	}

	// The fd count may be readable (see above); memory maps and io counters never are.
	const groups = kernelCountsFdsInStat() ? ['memory maps', 'io counters'] : ['memory maps', 'io counters', 'open file descriptors'];
	const expected = new Map(t.context.denied.flatMap(daemon => groups.map(group => [`${daemon.name}:${group}`, 1])));
	t.deepEqual(Object.fromEntries(seen), Object.fromEntries(expected));
});
