import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';
import anyTest, {type TestFn} from 'ava';
import {launchFleet} from '../../../source/demo/fleet.js';
import {builtPrograms} from '../../../source/demo/programs.js';
import {demoManager, readFakeStatus, startFleet, type Fleet, type TestRequest} from '../../helpers/fleet.js';
import {assertFreshBuild} from '../../helpers/fresh-build.js';

// These tests read /proc themselves rather than trusting the fleet's own helpers.

type Stat = {ppid: number; state: string; ticks: number; start: number};

function stat(pid: number): Stat | undefined {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		const field = (n: number) => Number(fields[n - 3]);
		return {state: fields[0] ?? '?', ppid: field(4), ticks: field(14) + field(15), start: field(22)};
	} catch {
		return undefined;
	}
}

const alive = (pid: number) => {
	const entry = stat(pid);
	return entry !== undefined && entry.state !== 'Z';
};

const comm = (pid: number) => fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
const argv = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
const fdCount = (pid: number) => fs.readdirSync(`/proc/${pid}/fd`).length;

function statusKb(pid: number, file: string, key: string): number {
	const match = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${pid}/${file}`, 'utf8'));
	return Number(match?.[1]);
}

function writeBytes(pid: number): number {
	const match = /^write_bytes: (\d+)/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'));
	return Number(match?.[1]);
}

function allPids(): number[] {
	return fs.readdirSync('/proc').filter(name => /^\d+$/.test(name)).map(Number);
}

function childrenOf(parent: number): number[] {
	return allPids().filter(pid => stat(pid)?.ppid === parent && alive(pid));
}

/** Live processes whose command line mentions the fleet dir. */
function fleetProcesses(dir: string): number[] {
	return allPids().filter(pid => {
		try {
			return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) && alive(pid);
		} catch {
			return false;
		}
	});
}

/** Polls until `check` holds; `observe` runs before each check (to collect what was seen). */
async function eventually(check: () => boolean, timeoutMs: number, observe?: () => unknown): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		await observe?.();
		if (check()) {
			return true;
		}

		if (Date.now() > deadline) {
			return false;
		}

		await sleep(50);
	}
}

const test = anyTest as TestFn<{fleet: Fleet}>;

const burnerShare = 0.3;

test.before(async t => {
	// The fleet's supervisor, and the fleet module one test imports, are dist/'s.
	assertFreshBuild();
	t.context.fleet = await startFleet({
		daemons: [
			{name: 'wazuh-analysisd', shape: {cpu: burnerShare}},
			{name: 'wazuh-logcollector', shape: {writeBytesPerSec: 256 * 1024}},
			{name: 'wazuh-db', shape: {memoryMb: 64}},
			{name: 'wazuh-dbd'},
			{name: 'wazuh-syscheckd', shape: {fds: 50}},
			{name: 'wazuh-modulesd', shape: {children: 2, childChurn: {perSecond: 2, lifeMs: 300}}},
			{name: 'wazuh_apid.py', shape: {children: 2}},
			{name: 'wazuh-remoted'},
			{name: 'wazuh-execd'},
			{name: 'wazuh-authd', shape: {memoryGrowthMbPerMin: 300, fds: 10, fdChurn: 5}},
		],
	});
});

test.after.always(async t => {
	await t.context.fleet?.stop();
});

const pidOf = (fleet: Fleet, name: string) => {
	const pid = fleet.pidOf(name);
	if (pid === undefined) {
		throw new Error(`${name} is not running`);
	}

	return pid;
};

/**
 * No verdict from timing: how much CPU the fake gets depends on the machine, so the test checks the
 * bookkeeping instead. The fake owes exactly 0.3 x wall time (less what it reports as forgiven
 * after stalls), counts what it used with the very ticks /proc shows (checked while it sleeps), and
 * keeps what /proc accounts to it within a slice of what it owes.
 */
test.serial('a 0.3 cpu shape: /proc accounts what the fake owes, 0.3 of the wall time', async t => {
	const {fleet} = t.context;
	const pid = pidOf(fleet, 'wazuh-analysisd');
	const tickUs = 10_000;
	// Two slices of 100 ms at 0.3, plus one tick: the most the fake may owe (the rest is forgiven).
	const capUs = (2 * 100_000 * burnerShare) + tickUs;
	let clean = 0;
	let first: {ticks: number; owedUs: number} | undefined;
	let last = first;
	const enough = await eventually(() => clean >= 10 && (last?.owedUs ?? 0) - (first?.owedUs ?? 0) >= 1_000_000, 30_000, async () => {
		// A clean sample: the fake sleeps, and /proc's ticks do not move while we read its status.
		const before = stat(pid);
		const cpu = (await readFakeStatus(fleet, pid))?.cpu;
		const after = stat(pid);
		if (!cpu || before?.state !== 'S' || after?.state !== 'S' || before.ticks !== after.ticks) {
			return;
		}

		clean++;
		// Its own reading is /proc's (one tick more if reporting and falling asleep crossed one).
		t.true(after.ticks - cpu.ticks >= 0 && after.ticks - cpu.ticks <= 1, `/proc ${after.ticks} ticks, fake ${cpu.ticks}`);
		// What it owes is exact: 0.3 of the wall time, whole microseconds rounded down on both.
		t.true(Math.abs(cpu.owedUs + cpu.forgivenUs - (burnerShare * cpu.wallUs)) <= 2, JSON.stringify(cpu));
		const usedUs = (after.ticks - cpu.baseTicks) * tickUs;
		t.true(usedUs >= cpu.owedUs - capUs && usedUs <= cpu.owedUs + (2 * tickUs), `used ${usedUs} µs, owed ${cpu.owedUs} µs`);
		first ??= {ticks: after.ticks, owedUs: cpu.owedUs};
		last = {ticks: after.ticks, owedUs: cpu.owedUs};
		t.log(`used ${(usedUs / 1e6).toFixed(2)} s of ${(cpu.wallUs / 1e6).toFixed(2)} s wall, forgiven ${cpu.forgivenUs} µs in ${cpu.starvedSlices} starved slices`);
	});
	t.true(enough, `${clean} clean samples`);
	const usedUs = ((last?.ticks ?? 0) - (first?.ticks ?? 0)) * tickUs;
	const owedUs = (last?.owedUs ?? 0) - (first?.owedUs ?? 0);
	t.true(Math.abs(usedUs - owedUs) <= capUs + (2 * tickUs), `over the window: used ${usedUs} µs, owed ${owedUs} µs`);
});

test('daemons run the fleet\'s copy of bash: /proc/PID/exe is the link inside the fleet dir', t => {
	const {fleet} = t.context;
	const exe = (pid: number) => fs.readlinkSync(`/proc/${pid}/exe`);
	t.is(exe(pidOf(fleet, 'wazuh-analysisd')), path.join(fleet.dir, 'bin', 'wazuh-analysisd'));
	t.is(exe(pidOf(fleet, 'wazuh_apid.py')), path.join(fleet.dir, 'framework', 'python', 'bin', 'python3'));
	t.is(exe(fleet.decoyPid ?? 0), path.join(fleet.dir, 'bin', 'tail'));
	// One file behind every name, executable by anyone like an installed binary.
	const {ino, mode} = fs.statSync(path.join(fleet.dir, 'bin', 'wazuh-analysisd'));
	t.is(fs.statSync(path.join(fleet.dir, 'framework', 'python', 'bin', 'python3')).ino, ino);
	t.is(mode & 0o777, 0o755);
});

test('binary daemons are named by their link, cut to 15 chars in comm', t => {
	const {fleet} = t.context;
	const analysisd = pidOf(fleet, 'wazuh-analysisd');
	t.is(comm(analysisd), 'wazuh-analysisd');
	t.is(path.basename(argv(analysisd)[0] ?? ''), 'wazuh-analysisd');
	const logcollector = pidOf(fleet, 'wazuh-logcollector');
	t.is(comm(logcollector), 'wazuh-logcollec');
	t.is(path.basename(argv(logcollector)[0] ?? ''), 'wazuh-logcollector');
	t.is(stat(logcollector)?.ppid, fleet.supervisorPid);
	// Nothing but the launch on the command line: no other daemon name to confuse a matcher.
	t.false(argv(logcollector).slice(1).join(' ').includes('wazuh-'));
});

test('script daemons run as python3 with the script as first argument, workers alike', t => {
	const {fleet} = t.context;
	const apid = pidOf(fleet, 'wazuh_apid.py');
	t.is(comm(apid), 'python3');
	const [interpreter, script] = argv(apid);
	t.is(path.basename(interpreter ?? ''), 'python3');
	t.is(script, path.join(fleet.dir, 'api', 'scripts', 'wazuh_apid.py'));
	const workers = childrenOf(apid);
	t.is(workers.length, 2);
	for (const worker of workers) {
		t.is(comm(worker), 'python3');
		t.deepEqual(argv(worker), argv(apid));
	}

	t.not(stat(workers[0] ?? 0)?.start, stat(workers[1] ?? 0)?.start);
});

test('long-lived children share the parent executable and start at different times', async t => {
	const {fleet} = t.context;
	const modulesd = pidOf(fleet, 'wazuh-modulesd');
	const status = await readFakeStatus(fleet, modulesd);
	const workers = status?.children ?? [];
	t.is(workers.length, 2);
	for (const worker of workers) {
		t.is(comm(worker), 'wazuh-modulesd');
		t.is(path.basename(argv(worker)[0] ?? ''), 'wazuh-modulesd');
		t.is(stat(worker)?.ppid, modulesd);
	}

	const starts = workers.map(worker => stat(worker)?.start);
	t.is(new Set(starts).size, 2, `start times ${starts.join(', ')}`);
});

test('churning children come and go', async t => {
	const {fleet} = t.context;
	const modulesd = pidOf(fleet, 'wazuh-modulesd');
	const workers = new Set((await readFakeStatus(fleet, modulesd))?.children);
	const seen = new Set<number>();
	const finished = () => [...seen].filter(pid => !alive(pid));
	const done = await eventually(() => seen.size >= 2 && finished().length >= 1, 30_000, () => {
		for (const pid of childrenOf(modulesd)) {
			if (!workers.has(pid)) {
				seen.add(pid);
			}
		}
	});
	t.true(done, `saw ${seen.size} short-lived children, ${finished().length} ended`);
	t.deepEqual(childrenOf(modulesd).filter(pid => workers.has(pid)).sort(), [...workers].sort());
});

test('the decoy mentions daemon names but is a tail', t => {
	const {fleet} = t.context;
	const decoy = fleet.decoyPid;
	if (decoy === undefined) {
		t.fail('no decoy');
		return;
	}

	t.is(comm(decoy), 'tail');
	t.is(path.basename(argv(decoy)[0] ?? ''), 'tail');
	const rest = argv(decoy).slice(1);
	for (const name of ['wazuh-db', 'wazuh_apid.py', 'wazuh-remoted']) {
		t.true(rest.includes(name));
	}

	t.is(stat(decoy)?.ppid, fleet.supervisorPid);
});

test('memoryMb 64 adds at least 60 MB of private resident memory', async t => {
	const {fleet} = t.context;
	const db = pidOf(fleet, 'wazuh-db');
	const idle = pidOf(fleet, 'wazuh-dbd');
	const rssGrowth = statusKb(db, 'status', 'VmRSS') - statusKb(idle, 'status', 'VmRSS');
	const privateGrowth = statusKb(db, 'smaps_rollup', 'Private_Dirty') - statusKb(idle, 'smaps_rollup', 'Private_Dirty');
	t.log(`RSS +${rssGrowth} kB, private +${privateGrowth} kB`);
	t.true(rssGrowth >= 60 * 1024, `RSS +${rssGrowth} kB`);
	t.true(privateGrowth >= 60 * 1024, `private +${privateGrowth} kB`);
	t.is((await readFakeStatus(fleet, db))?.memoryBytes, 64 * 1024 * 1024);
});

test('fds 50 holds exactly 50 more descriptors than an idle fake', async t => {
	const {fleet} = t.context;
	const syscheckd = pidOf(fleet, 'wazuh-syscheckd');
	const idle = pidOf(fleet, 'wazuh-dbd');
	t.is(fdCount(syscheckd), fdCount(idle) + 50);
	t.is((await readFakeStatus(fleet, syscheckd))?.extraFds, 50);
});

test('memory grows and fds churn over time', async t => {
	const {fleet} = t.context;
	const authd = pidOf(fleet, 'wazuh-authd');
	const idleFds = fdCount(pidOf(fleet, 'wazuh-dbd'));
	const rssBefore = statusKb(authd, 'status', 'VmRSS');
	const reportedBefore = (await readFakeStatus(fleet, authd))?.memoryBytes ?? 0;
	const counts = new Set<number>();
	const grown = () => statusKb(authd, 'status', 'VmRSS') - rssBefore;
	let reported = 0;
	// 300 MB/min is 5 MB/s: 8 MB more within a couple of seconds.
	const done = await eventually(() => counts.size >= 2 && grown() >= 8 * 1024 && reported >= 8 * 1024 * 1024, 30_000, async () => {
		counts.add(fdCount(authd) - idleFds);
		reported = ((await readFakeStatus(fleet, authd))?.memoryBytes ?? 0) - reportedBefore;
	});
	const extra = [...counts];
	t.log(`extra fds seen: ${extra.sort((a, b) => a - b).join(' ')}`);
	t.true(done, `fd counts ${extra.join(' ')}, RSS +${grown()} kB`);
	t.true(extra.every(count => count >= 5 && count <= 15), 'within fds +- fdChurn');
	// It grows in whole pages.
	t.is(reported % 4096, 0);
});

test('written bytes reach storage and show in write_bytes', async t => {
	const {fleet} = t.context;
	const pid = pidOf(fleet, 'wazuh-logcollector');
	const statusBefore = (await readFakeStatus(fleet, pid))?.bytesWritten ?? 0;
	const ioBefore = writeBytes(pid);
	let statusAfter = statusBefore;
	await eventually(() => statusAfter - statusBefore >= 512 * 1024, 30_000, async () => {
		statusAfter = (await readFakeStatus(fleet, pid))?.bytesWritten ?? 0;
	});
	const ioAfter = writeBytes(pid);
	const written = statusAfter - statusBefore;
	const io = ioAfter - ioBefore;
	t.log(`wrote ${written} B, write_bytes +${io}`);
	t.true(written >= 512 * 1024, `wrote ${written} B`);
	// One 64 KB write may land between the two reads at either end; status rewrites add a page now and then.
	const slack = 160 * 1024;
	t.true(io >= written - slack && io <= written + slack, `write_bytes +${io} for ${written} written`);
});

test('restart gives a new pid and the old process is gone', async t => {
	const {fleet} = t.context;
	const old = pidOf(fleet, 'wazuh-remoted');
	const fresh = await fleet.restart('wazuh-remoted');
	t.not(fresh, old);
	t.false(alive(old));
	t.true(alive(fresh));
	t.is(comm(fresh), 'wazuh-remoted');
	t.is(fleet.pidOf('wazuh-remoted'), fresh);
	t.is(stat(fresh)?.ppid, fleet.supervisorPid);
});

test('kill leaves a daemon down until start, and an outside kill shows as down', async t => {
	const {fleet} = t.context;
	const old = pidOf(fleet, 'wazuh-execd');
	await fleet.kill('wazuh-execd');
	t.false(alive(old));
	t.is(fleet.pidOf('wazuh-execd'), undefined);
	const fresh = await fleet.start('wazuh-execd');
	t.true(alive(fresh));
	t.is(fleet.pidOf('wazuh-execd'), fresh);
	process.kill(fresh, 'SIGKILL');
	t.true(await eventually(() => fleet.pidOf('wazuh-execd') === undefined, 3000));
});

test('the shipped supervisor refuses the requests only tests make (kill, start, restart) and stops on request', async t => {
	const {fleet, client} = await launchFleet<TestRequest>({daemons: [{name: 'wazuh-execd'}], decoy: false}, builtPrograms());
	t.teardown(async () => fleet.stop());
	const pid = client.pids['wazuh-execd'];
	t.true(typeof pid === 'number' && alive(pid));
	for (const request of [{op: 'restart', name: 'wazuh-execd'}, {op: 'kill', name: 'wazuh-execd', signal: 'SIGKILL'}, {op: 'start', name: 'wazuh-execd'}] as const) {
		await t.throwsAsync(client.request(request), {message: `The demo supervisor has no request "${request.op}"`});
	}

	t.is(client.pids['wazuh-execd'], pid);
	t.true(alive(pid!));
	t.is(stat(pid!)?.ppid, fleet.supervisorPid);
	await fleet.stop();
	t.false(alive(pid!));
	t.false(fs.existsSync(fleet.dir));
});

test('stop() leaves no fleet process and removes the dir', async t => {
	const fleet = await startFleet({
		daemons: [
			{name: 'wazuh-modulesd', shape: {children: 1, childChurn: {perSecond: 4, lifeMs: 500}}},
			{name: 'wazuh_clusterd.py', shape: {children: 1}},
		],
	});
	t.true(fleetProcesses(fleet.dir).length >= 6);
	// Stop while a short-lived child is alive too.
	const modulesd = pidOf(fleet, 'wazuh-modulesd');
	t.true(await eventually(() => childrenOf(modulesd).length >= 2, 30_000));
	await fleet.stop();
	t.deepEqual(fleetProcesses(fleet.dir), []);
	t.false(fs.existsSync(fleet.dir));
});

test('the whole fleet dies when its caller is SIGKILLed', async t => {
	const fleetModule = new URL('../../../dist/demo/fleet.js', import.meta.url).href;
	const program = `
		import {startFleet} from ${JSON.stringify(fleetModule)};
		const fleet = await startFleet({daemons: [
			{name: 'wazuh-modulesd', shape: {children: 2, childChurn: {perSecond: 4, lifeMs: 400}}},
			{name: 'wazuh_clusterd.py', shape: {children: 1}},
		]});
		console.log(fleet.dir);
		setInterval(() => {}, 1000);
	`;
	const env = {...process.env};
	delete env.NODE_OPTIONS;
	const caller = spawn(process.execPath, ['--input-type=module', '-e', program], {env, stdio: ['ignore', 'pipe', 'inherit']});
	const lines = readline.createInterface({input: caller.stdout});
	const dir = String((await lines[Symbol.asyncIterator]().next()).value ?? '');
	lines.close();
	t.teardown(() => {
		caller.kill('SIGKILL');
		if (dir.length > 0) {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});
	t.truthy(dir);
	t.true(fleetProcesses(dir).length >= 7);
	caller.kill('SIGKILL');
	const allGone = await eventually(() => fleetProcesses(dir).length === 0, 5000);
	t.true(allGone, `left: ${fleetProcesses(dir).join(', ')}`);
});

test('demoManager brings up the whole simulated manager', async t => {
	const fleet = await startFleet();
	t.teardown(async () => fleet.stop());
	for (const {name} of demoManager) {
		const pid = fleet.pidOf(name);
		if (pid === undefined) {
			t.fail(`${name} is not running`);
			continue;
		}

		t.is(comm(pid), name.endsWith('.py') ? 'python3' : name.slice(0, 15));
	}

	const workers = async (name: string) => (await readFakeStatus(fleet, fleet.pidOf(name) ?? 0))?.children.length;
	t.is(await workers('wazuh-modulesd'), 2);
	t.is(await workers('wazuh_apid.py'), 2);
	t.is(await workers('wazuh_clusterd.py'), 3);
	t.truthy(fleet.decoyPid);
});
