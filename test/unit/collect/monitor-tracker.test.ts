import test, {type ExecutionContext} from 'ava';
import {Monitor, type MonitorOptions} from '../../../source/collect/monitor.js';
import type {ProcessSample, Snapshot} from '../../../source/model/snapshot.js';
import {formatTimestamp} from '../../../source/model/timestamp.js';
import {FakeProc} from '../../helpers/fake-proc.js';

/*
 * The collector on a fake /proc and a clock moved by hand: every rate, restart, give-up and child
 * name below is exact, and no process is spawned nor any timer waited on.
 */

const MiB = 1024 * 1024;

type Setup = {proc: FakeProc; monitor: Monitor; events: string[]; warnings: string[]};

function setup(t: ExecutionContext, daemons: string[], options: Partial<MonitorOptions> = {}, before?: (proc: FakeProc) => void, hz?: number): Setup {
	const proc = new FakeProc({hz});
	t.teardown(() => proc.dispose());
	before?.(proc);
	const monitor = new Monitor({
		daemons,
		procRoot: proc.root,
		selfPid: proc.selfPid,
		clock: proc.clock,
		clockTicksPerSecond: proc.hz,
		ticker: false,
		interval: 1,
		healthcheckInterval: 10,
		retries: 3,
		...options,
	});
	t.teardown(async () => monitor.stop());
	const events: string[] = [];
	const warnings: string[] = [];
	monitor.on('found', ({name, pid, children}) => events.push(`found ${name} ${pid} with ${children}`));
	monitor.on('restart', ({name, oldPid, newPid}) => events.push(`restart ${name} ${oldPid} -> ${newPid}`));
	monitor.on('down', name => events.push(`down ${name}`));
	monitor.on('give-up', name => events.push(`give-up ${name}`));
	monitor.on('all-given-up', () => events.push('all-given-up'));
	monitor.on('health-check', snapshot => events.push(`health-check at tick ${snapshot.tick}`));
	monitor.on('warning', message => warnings.push(message));
	return {proc, monitor, events, warnings};
}

/** Time passes, then one tick. */
function tick({proc, monitor}: Setup, seconds = 1): Snapshot {
	proc.elapse(seconds);
	return monitor.tickNow();
}

const sampleOf = (snapshot: Snapshot, pid: number): ProcessSample | undefined => snapshot.samples.find(sample => sample.pid === pid);
const namesOf = (snapshot: Snapshot): Record<number, string> =>
	Object.fromEntries(snapshot.samples.map(sample => [sample.pid, sample.role]));

/** Floating point: 45 / 100 / 2 * 100 need not be 22.5 to the last bit. */
function near(t: ExecutionContext, actual: number | undefined, expected: number, message?: string): void {
	t.true(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} is not ${expected}`);
}

test('the first sample after start is a real delta over the interval, with every field of every process', t => {
	let root = 0;
	let child = 0;
	const context = setup(t, ['remoted'], {}, proc => {
		root = proc.addDaemon('wazuh-remoted', {vsize: 300 * MiB, rss: 20 * MiB, pss: 12 * MiB, uss: 8 * MiB, swap: MiB, fds: 12, utime: 900});
		child = proc.addChild(root, {fds: 3});
		proc.elapse(30);
	});
	const {proc, monitor, events} = context;
	monitor.start();
	t.deepEqual(events, [`found wazuh-remoted ${root} with 1`]);
	t.is(monitor.latest, undefined, 'no timer: nothing ticks by itself');
	proc.advance(root, {utime: 30, stime: 15, readBytes: 8192, writeBytes: 2 * MiB, syscr: 4, syscw: 9});
	proc.advance(child, {utime: 5});
	const first = tick(context, 2);
	t.like(first, {tick: 1, time: proc.clock.now(), timestamp: formatTimestamp(proc.clock.now()), interval: 1});
	t.like(sampleOf(first, root), {
		role: 'wazuh-remoted', daemon: 'wazuh-remoted', childIndex: 0, pid: root, ppid: 1, comm: 'wazuh-remoted',
		vms: 300 * MiB, rss: 20 * MiB, pss: 12 * MiB, uss: 8 * MiB, swap: MiB, fd: 12,
		readOps: 4, writeOps: 9, diskRead: 8192, diskWritten: 2 * MiB, diskReadSpeed: 4096, diskWriteSpeed: MiB,
	});
	near(t, sampleOf(first, root)?.cpuPercent, 22.5, '45 ticks in 2 s');
	t.like(sampleOf(first, child), {role: 'wazuh-remoted_child_1', childIndex: 1, ppid: root, fd: 3, diskReadSpeed: 0});
	near(t, sampleOf(first, child)?.cpuPercent, 2.5);
	t.is(monitor.latest, first);

	proc.advance(root, {utime: 100, readBytes: 1000});
	const second = tick(context);
	near(t, sampleOf(second, root)?.cpuPercent, 100);
	t.like(sampleOf(second, root), {diskReadSpeed: 1000, diskWriteSpeed: 0});
	near(t, sampleOf(second, child)?.cpuPercent, 0);
});

test('a process found moments ago reports the average over its life; a child found between ticks, a real delta', t => {
	let root = 0;
	const context = setup(t, ['remoted'], {}, proc => {
		root = proc.addDaemon('wazuh-remoted');
	});
	const {proc, monitor, events} = context;
	monitor.start();
	tick(context);
	// A child appears: its parent lists it, so it is read at the end of this tick and sampled at the next.
	const child = proc.addChild(root);
	proc.advance(child, {utime: 30});
	t.is(sampleOf(tick(context), child), undefined);
	proc.advance(child, {utime: 40, writeBytes: 5000});
	const withChild = tick(context);
	near(t, sampleOf(withChild, child)?.cpuPercent, 40, 'the last second, not 70 ticks over its 2 s of life');
	t.is(sampleOf(withChild, child)?.diskWriteSpeed, 5000);

	for (let second = 4; second < 10; second++) {
		tick(context);
	}

	// Restarted a second before the health check, which finds it and samples it in the same tick.
	const newRoot = proc.restart(root);
	proc.advance(newRoot, {utime: 20, stime: 5, readBytes: 3000});
	proc.elapse(0.5);
	const checked = tick(context, 0.5);
	t.is(checked.tick, 10);
	t.true(events.includes('health-check at tick 10'));
	t.true(events.includes(`restart wazuh-remoted ${root} -> ${newRoot}`));
	near(t, sampleOf(checked, newRoot)?.cpuPercent, 25, '25 ticks over its 1 s of life');
	t.like(sampleOf(checked, newRoot), {diskReadSpeed: 3000, diskWriteSpeed: 0});
});

test('CPU times are counted in the clock ticks per second given', t => {
	let root = 0;
	const context = setup(t, ['db'], {}, proc => {
		root = proc.addDaemon('wazuh-db');
	}, 250);
	const {proc, monitor} = context;
	monitor.start();
	proc.advance(root, {utime: 100, stime: 25});
	near(t, sampleOf(tick(context), root)?.cpuPercent, 50, '125 ticks of 4 ms in 1 s');
	// Restarted, found by the health check 10 s later and read in that tick: its lifetime average.
	const newRoot = proc.restart(root);
	proc.advance(newRoot, {utime: 75});
	near(t, sampleOf(tick(context, 10), newRoot)?.cpuPercent, 3, '75 ticks of 4 ms over its 10 s of life');
});

test('a new root PID is a restart: an event with both PIDs, a count, and "restarted" on that tick only', t => {
	let root = 0;
	const context = setup(t, ['remoted'], {}, proc => {
		root = proc.addDaemon('wazuh-remoted');
		proc.addChild(root);
	});
	const {proc, monitor, events} = context;
	monitor.start();
	t.like(tick(context).daemons[0], {status: 'running', pid: root, restarts: 0});
	const newRoot = proc.restart(root);
	const restarted = tick(context);
	t.deepEqual(events, [`found wazuh-remoted ${root} with 1`, `restart wazuh-remoted ${root} -> ${newRoot}`], 'found at once, not at the health check');
	t.like(restarted.daemons[0], {status: 'restarted', pid: newRoot, restarts: 1, failedChecks: 0});
	t.deepEqual(restarted.samples, [], 'the old processes are gone, the new one is read from now on');
	proc.advance(newRoot, {utime: 50});
	const after = tick(context);
	t.like(after.daemons[0], {status: 'running', pid: newRoot, restarts: 1});
	t.like(monitor.daemons[0], {status: 'running', restarts: 1});
	near(t, sampleOf(after, newRoot)?.cpuPercent, 50);
	t.deepEqual(after.samples.map(sample => sample.role), ['wazuh-remoted']);
});

test('a vanished process sets off a rediscovery at once; without one, a child no list shows waits for the health check', t => {
	let root = 0;
	let listed = 0;
	const context = setup(t, ['remoted'], {}, proc => {
		root = proc.addDaemon('wazuh-remoted');
		listed = proc.addChild(root);
	});
	const {proc, monitor} = context;
	monitor.start();
	// Forked by another thread: the main thread's children file, read every tick, does not show it.
	const hidden = proc.addChild(root, {viaThread: true});
	t.is(sampleOf(tick(context), hidden), undefined);
	t.is(sampleOf(tick(context), hidden), undefined);
	proc.remove(listed);
	t.is(sampleOf(tick(context), hidden), undefined, 'found at the end of the tick that saw the other vanish');
	const found = tick(context);
	t.is(found.tick, 4);
	t.like(sampleOf(found, hidden), {role: 'wazuh-remoted_child_1', ppid: root});

	const later = proc.addChild(root, {viaThread: true});
	for (let tick_ = 5; tick_ < 10; tick_++) {
		t.is(sampleOf(tick(context), later), undefined, `tick ${tick_}`);
	}

	const checked = tick(context);
	t.is(checked.tick, 10);
	t.like(sampleOf(checked, later), {role: 'wazuh-remoted_child_2'});
});

test('a missing daemon goes down; failed checks count on scheduled checks and its own vanishing only', t => {
	let root = 0;
	let child = 0;
	const context = setup(t, ['remoted', 'db'], {retries: 5}, proc => {
		root = proc.addDaemon('wazuh-remoted');
		child = proc.addChild(root);
	});
	const {proc, monitor, events} = context;
	monitor.start();
	const failed = (): number[] => monitor.daemons.map(daemon => daemon.failedChecks);
	t.like(monitor.daemons[1], {status: 'down', pid: undefined, failedChecks: 1});
	tick(context);
	t.deepEqual(failed(), [0, 1], 'no check ran');
	proc.remove(child);
	tick(context);
	t.deepEqual(failed(), [0, 1], 'the check remoted\'s vanished child set off is not one of wazuh-db\'s');
	proc.remove(root);
	const down = tick(context);
	t.like(down.daemons[0], {status: 'down', pid: undefined, failedChecks: 1});
	t.deepEqual(failed(), [1, 1], 'its own vanishing counts for remoted');
	for (let tick_ = 4; tick_ < 10; tick_++) {
		tick(context);
	}

	t.deepEqual(failed(), [1, 1]);
	tick(context);
	t.deepEqual(failed(), [2, 2], 'the health check counts for both');
	t.deepEqual(events, [`found wazuh-remoted ${root} with 1`, `down wazuh-remoted`, 'health-check at tick 10']);

	// Back under another PID: a restart, and the count starts again.
	const back = proc.addDaemon('wazuh-remoted');
	tick(context, 10);
	t.like(monitor.daemons[0], {status: 'running', pid: back, restarts: 1, failedChecks: 0});
	t.is(events.at(-2), `restart wazuh-remoted ${root} -> ${back}`);
});

test('a daemon is given up after `retries` checks: give-up once, all-given-up once, and no longer looked for', t => {
	const context = setup(t, ['db', 'remoted'], {healthcheckInterval: 2, retries: 3});
	const {proc, monitor, events} = context;
	monitor.start();
	const statuses = (snapshot: Snapshot): string[] => snapshot.daemons.map(daemon => `${daemon.status} ${daemon.failedChecks}`);
	t.deepEqual(statuses(tick(context)), ['down 1', 'down 1']);
	t.deepEqual(statuses(tick(context)), ['down 2', 'down 2']);
	proc.addDaemon('wazuh-remoted');
	tick(context);
	const givenUp = tick(context);
	t.deepEqual(statuses(givenUp), ['given-up 3', 'running 0']);
	t.deepEqual(events.filter(event => !event.startsWith('health-check')).map(event => event.split(' ').slice(0, 2).join(' ')), [
		'give-up wazuh-db',
		'found wazuh-remoted',
	], 'at the same check, in the order of the daemons');

	const remoted = monitor.daemons[1]!.pid!;
	proc.remove(remoted);
	tick(context);
	tick(context);
	t.deepEqual(statuses(tick(context)), ['given-up 3', 'down 2']);
	const allGone = tick(context);
	t.deepEqual(statuses(allGone), ['given-up 3', 'given-up 3']);
	t.deepEqual(events.filter(event => /give|all/.test(event)), ['give-up wazuh-db', 'give-up wazuh-remoted', 'all-given-up']);

	proc.addDaemon('wazuh-db');
	proc.addDaemon('wazuh-remoted');
	for (let second = 0; second < 6; second++) {
		t.deepEqual(statuses(tick(context)), ['given-up 3', 'given-up 3']);
	}

	t.is(events.filter(event => event === 'all-given-up').length, 1);
	t.false(events.some(event => event.startsWith('found wazuh-db')));
});

test('children are named in start order, ties by PID; a name stays with its PID; freed names are reused in start order after a restart', t => {
	let root = 0;
	const context = setup(t, ['remoted'], {}, proc => {
		root = proc.addDaemon('wazuh-remoted', {pid: 3000, startTime: 90_000});
		proc.addChild(root, {pid: 3003, startTime: 95_000});
		proc.addChild(root, {pid: 3002, startTime: 94_000});
		proc.addChild(root, {pid: 3001, startTime: 94_000});
	});
	const {proc, monitor} = context;
	monitor.start();
	t.deepEqual(namesOf(tick(context)), {
		3000: 'wazuh-remoted', 3001: 'wazuh-remoted_child_1', 3002: 'wazuh-remoted_child_2', 3003: 'wazuh-remoted_child_3',
	});
	proc.remove(3002);
	proc.addChild(root, {pid: 2500});
	tick(context);
	const refilled = tick(context);
	t.deepEqual(namesOf(refilled), {
		3000: 'wazuh-remoted', 3001: 'wazuh-remoted_child_1', 2500: 'wazuh-remoted_child_2', 3003: 'wazuh-remoted_child_3',
	});
	t.like(sampleOf(refilled, 2500), {childIndex: 2, ppid: 3000});

	// The new daemon's children are there when it is found; their start order decides, not their PIDs.
	for (const pid of [3001, 2500, 3003]) {
		proc.remove(pid);
	}

	proc.remove(root);
	const newRoot = proc.addDaemon('wazuh-remoted', {pid: 4000});
	proc.addChild(newRoot, {pid: 4001, startTime: 100_300});
	proc.addChild(newRoot, {pid: 4002, startTime: 100_200});
	proc.addChild(newRoot, {pid: 4003, startTime: 100_100});
	tick(context);
	t.deepEqual(namesOf(tick(context)), {
		4000: 'wazuh-remoted', 4003: 'wazuh-remoted_child_1', 4002: 'wazuh-remoted_child_2', 4001: 'wazuh-remoted_child_3',
	});
	t.like(monitor.daemons[0], {pid: 4000, restarts: 1});
});

test('an unreadable field group gives one warning, and its fields are listed as unreadable', t => {
	let root = 0;
	let child = 0;
	const context = setup(t, ['remoted'], {}, proc => {
		root = proc.addDaemon('wazuh-remoted', {rss: 20 * MiB, swap: 2 * MiB});
		child = proc.addChild(root);
		proc.breakFile(root, 'io');
		proc.breakFile(root, 'smaps_rollup');
		proc.breakFile(child, 'fd');
	});
	const {monitor, warnings} = context;
	monitor.start();
	const first = tick(context);
	t.deepEqual(warnings.sort(), [
		`cannot read io counters (Read_Ops/Write_Ops/Disk_*) of wazuh-remoted (pid ${root}): error ELOOP`,
		`cannot read memory maps (USS/PSS; RSS and SWAP come from /proc/PID/status) of wazuh-remoted (pid ${root}): error ELOOP`,
		`cannot read open file descriptors (FD) of wazuh-remoted_child_1 (pid ${child}): error ENOTDIR`,
	]);
	t.deepEqual([...first.daemons[0]!.unreadable].sort(), ['Disk_Read', 'Disk_Written', 'FD', 'PSS', 'Read_Ops', 'USS', 'Write_Ops']);
	t.like(sampleOf(first, root), {rss: 20 * MiB, swap: 2 * MiB, uss: undefined, pss: undefined, diskRead: undefined, diskReadSpeed: undefined, fd: 4});
	t.like(sampleOf(first, child), {fd: undefined, uss: 4 * MiB, diskRead: 0});
	tick(context);
	tick(context);
	t.is(warnings.length, 3, 'one warning per daemon and field group, not one per tick');
});

test('health checks follow the monotonic clock: stalled ones are skipped, not run back to back', t => {
	const context = setup(t, ['remoted'], {}, proc => {
		proc.addDaemon('wazuh-remoted');
	});
	const {monitor, events} = context;
	t.throws(() => monitor.tickNow(), {message: /started/});
	monitor.start();
	for (let second = 1; second <= 20; second++) {
		tick(context);
	}

	t.deepEqual(events.slice(1), ['health-check at tick 10', 'health-check at tick 20']);
	// Stalled 35 s: one check now (55 s), and the next on the grid (60 s), not three at once.
	tick(context, 35);
	tick(context, 4);
	t.deepEqual(events.slice(3), ['health-check at tick 21']);
	tick(context);
	t.deepEqual(events.slice(3), ['health-check at tick 21', 'health-check at tick 23']);
});

test('churn: every child alive at two ticks in a row has a row at the second, whatever comes and goes around it', t => {
	const context = setup(t, ['modulesd'], {}, proc => {
		proc.addDaemon('wazuh-modulesd');
	});
	const {proc, monitor} = context;
	monitor.start();
	const root = monitor.daemons[0]!.pid!;
	// A seeded schedule of children born and gone between ticks: each lives 0 to 3 tick boundaries.
	let state = 7;
	const random = (below: number) => {
		state = (state * 48_271) % 2_147_483_647;
		return state % below;
	};

	const alive = new Map<number, number>(); // Pid -> tick boundaries it still has to live across.
	const aliveAt = new Map<number, Set<number>>(); // Tick -> pids alive when it ran.
	const recordedAt = new Map<number, Set<number>>();
	for (let tickNumber = 1; tickNumber <= 60; tickNumber++) {
		for (const [pid, left] of alive) {
			if (left === 0) {
				proc.remove(pid);
				alive.delete(pid);
			} else {
				alive.set(pid, left - 1);
			}
		}

		for (let born = random(3); born > 0; born--) {
			alive.set(proc.addChild(root), random(4));
		}

		aliveAt.set(tickNumber, new Set(alive.keys()));
		const snapshot = tick(context);
		recordedAt.set(tickNumber, new Set(snapshot.samples.filter(sample => sample.childIndex > 0).map(sample => sample.pid)));
	}

	let checked = 0;
	for (let tickNumber = 2; tickNumber <= 60; tickNumber++) {
		for (const pid of aliveAt.get(tickNumber)!) {
			if (aliveAt.get(tickNumber - 1)!.has(pid)) {
				checked++;
				t.true(recordedAt.get(tickNumber)!.has(pid), `child ${pid}, alive at ticks ${tickNumber - 1} and ${tickNumber}, has no row at ${tickNumber}`);
			}
		}
	}

	t.true(checked > 30, `${checked} children lived across two ticks`);
});
