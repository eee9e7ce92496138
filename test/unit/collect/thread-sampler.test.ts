import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {Monitor} from '../../../source/collect/monitor.js';
import {ThreadSampler} from '../../../source/collect/thread-sampler.js';
import type {ThreadSample} from '../../../source/model/snapshot.js';
import {parseStat} from '../../../source/procfs/parse-stat.js';
import {clockTicksPerSecond} from '../../../source/procfs/system.js';
import {TaskReader} from '../../../source/procfs/task-reader.js';
import {FakeProc} from '../../helpers/fake-proc.js';
import {startThreadedPython} from '../../helpers/threaded-python.js';

/*
 * The threads of the detail view's process: read from /proc/PID/task on a real process with named
 * threads (one of them busy), and, exactly, on a fake /proc with a clock moved by hand (rates per
 * TID, threads new and gone, the order); and the Monitor reading them for the one PID asked for.
 */

const row = (thread: ThreadSample) => [thread.tid, thread.name, thread.state, thread.cpuPercent];

test('rates per TID over the interval, none on first sight, threads gone left out, busiest first then by TID', t => {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	const pid = proc.addDaemon('wazuh-analysisd', {utime: 40, stime: 10});
	const busy = proc.addThread(pid, {comm: 'a (b) c)', utime: 500, stime: 100});
	const idle = proc.addThread(pid, {comm: 'idle', state: 'S'});
	const leaver = proc.addThread(pid, {comm: 'leaver'});
	const idleToo = proc.addThread(pid, {comm: 'idle'});
	const sampler = new ThreadSampler({procRoot: proc.root, clockTicksPerSecond: proc.hz, interval: 1, monotonic: () => proc.clock.monotonic()});
	t.teardown(() => {
		sampler.stop();
	});
	const {startTime} = proc.get(pid);

	// First sight: no rate for any thread, so they are in TID order.
	const first = sampler.sample(pid, startTime)!;
	t.is(first.pid, pid);
	t.deepEqual(first.threads.map(thread => row(thread)), [
		[pid, 'wazuh-analysisd', 'S', undefined],
		[busy, 'a (b) c)', 'S', undefined],
		[idle, 'idle', 'S', undefined],
		[leaver, 'leaver', 'S', undefined],
		[idleToo, 'idle', 'S', undefined],
	]);
	t.true(Object.isFrozen(first) && Object.isFrozen(first.threads) && Object.isFrozen(first.threads[0]));

	// Two seconds: 150 ticks of the busy thread (user and system) is 75 %, 20 of the main one 10 %.
	proc.elapse(2);
	proc.updateThread(pid, busy, {utime: 600, stime: 150, state: 'R'});
	proc.advance(pid, {utime: 20});
	proc.removeThread(pid, leaver);
	const late = proc.addThread(pid, {comm: 'late', utime: 900});
	const second = sampler.sample(pid, startTime)!;
	t.deepEqual(second.threads.map(thread => row(thread)), [
		[busy, 'a (b) c)', 'R', 75],
		[pid, 'wazuh-analysisd', 'S', 10],
		[idle, 'idle', 'S', 0],
		[idleToo, 'idle', 'S', 0],
		[late, 'late', 'S', undefined],
	]);

	// Less than half an interval since the last reading is too short for a rate.
	proc.elapse(0.4);
	proc.updateThread(pid, idle, {utime: 5});
	t.deepEqual(sampler.sample(pid, startTime)!.threads.map(thread => thread.cpuPercent), [undefined, undefined, undefined, undefined, undefined]);
	// A TID now another thread's (another start time) has no rate on its first tick either.
	proc.elapse(1);
	proc.updateThread(pid, idle, {utime: 30, startTime: startTime + 500});
	proc.updateThread(pid, late, {utime: 950});
	const third = sampler.sample(pid, startTime)!;
	t.deepEqual(third.threads.map(thread => [thread.tid, thread.cpuPercent]), [[late, 50], [pid, 0], [busy, 0], [idleToo, 0], [idle, undefined]]);
});

test('a process gone, or its PID now another process\'s, has no threads; a restart starts over', t => {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	const pid = proc.addDaemon('wazuh-db');
	proc.addThread(pid, {comm: 'worker'});
	const sampler = new ThreadSampler({procRoot: proc.root, clockTicksPerSecond: proc.hz, interval: 1, monotonic: () => proc.clock.monotonic()});
	t.teardown(() => {
		sampler.stop();
	});
	const {startTime} = proc.get(pid);
	t.is(sampler.sample(pid, startTime)?.threads.length, 2);
	t.is(sampler.sample(pid, startTime + 1), undefined, 'the main thread started at another time: not the process asked for');
	proc.elapse(1);
	t.deepEqual(sampler.sample(pid, startTime)?.threads.map(thread => thread.cpuPercent), [undefined, undefined], 'chosen again: first sight');
	proc.remove(pid);
	t.is(sampler.sample(pid, startTime), undefined);
	t.is(new TaskReader(pid, proc.root).read(), undefined);
});

test('the Monitor lists the threads of the one sampled PID asked for, from the next tick on, and the CPU split into user and system', t => {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	const analysisd = proc.addDaemon('wazuh-analysisd');
	const db = proc.addDaemon('wazuh-db');
	proc.addThread(analysisd, {comm: 'worker'});
	const stranger = proc.add({comm: 'sshd'});
	const monitor = new Monitor({daemons: ['analysisd', 'db'], procRoot: proc.root, selfPid: proc.selfPid, clock: proc.clock, clockTicksPerSecond: proc.hz, ticker: false});
	t.teardown(async () => monitor.stop());
	monitor.start();
	proc.elapse(1);
	t.is(monitor.tickNow().threadList, undefined, 'none asked for');

	monitor.focusThreads(analysisd);
	proc.elapse(1);
	proc.advance(analysisd, {utime: 30, stime: 20});
	const focused = monitor.tickNow();
	t.is(focused.threadList?.pid, analysisd);
	t.is(focused.threadList?.threads.length, 2);
	const sample = focused.samples.find(each => each.pid === analysisd)!;
	t.deepEqual([sample.cpuPercent, sample.cpuUserPercent, sample.cpuSystemPercent], [50, 30, 20]);

	monitor.focusThreads(db);
	proc.elapse(1);
	t.deepEqual(monitor.tickNow().threadList?.threads.map(thread => thread.tid), [db]);

	// Never a process that is not sampled: the screen cannot make the tool read any process.
	monitor.focusThreads(stranger);
	proc.elapse(1);
	t.is(monitor.tickNow().threadList, undefined);
	monitor.focusThreads(undefined);
	proc.elapse(1);
	t.is(monitor.tickNow().threadList, undefined);
});

/** utime + stime of a real thread, from /proc. */
function threadTicks(pid: number, tid: number): number {
	const stat = parseStat(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'))!;
	return stat.utime + stat.stime;
}

async function until<T>(check: () => T | undefined, what: string, ceilingMs = 60_000): Promise<T> {
	const deadline = Date.now() + ceilingMs;
	for (;;) {
		const value = check();
		if (value !== undefined) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`waited ${ceilingMs} ms for ${what}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
	}
}

test('a real process: every thread with the name it gave itself, the busy one first, new and ended threads', async t => {
	t.timeout(120_000);
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-threads-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const python = await startThreadedPython(path.join(folder, 'threads.py'), ['idle (1) x', 'idle-b']);
	t.teardown(async () => python.stop());
	const {pid, tids} = python;

	const reader = new TaskReader(pid);
	t.teardown(() => {
		reader.close();
	});
	const names = Object.fromEntries(reader.read()!.map(({tid, stat}) => [tid, stat.comm]));
	t.deepEqual(names, {[tids.main!]: 'python3', [tids.spinner!]: 'spinner', [tids['idle (1) x']!]: 'idle (1) x', [tids['idle-b']!]: 'idle-b'});

	const startTime = parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))!.startTime;
	const interval = 0.2;
	const sampler = new ThreadSampler({clockTicksPerSecond: clockTicksPerSecond(), interval, monotonic: () => performance.now()});
	t.teardown(() => {
		sampler.stop();
	});
	const first = sampler.sample(pid, startTime)!;
	t.true(first.threads.every(thread => thread.cpuPercent === undefined));
	const since = performance.now();
	const spun = threadTicks(pid, tids.spinner!);
	// The spinner has run 20 clock ticks (whatever time that takes on a busy machine) and at least half an interval has passed.
	await until(() => (threadTicks(pid, tids.spinner!) - spun >= 20 && performance.now() - since >= interval * 500 ? true : undefined), 'the spinner to run');

	const late = await python.start('late');
	await python.end('idle-b');
	// Python's join returns just before the kernel releases the thread: wait until /proc no longer lists it.
	await until(() => (fs.existsSync(`/proc/${pid}/task/${tids['idle-b']!}`) ? undefined : true), 'the kernel to release the ended thread');
	const second = sampler.sample(pid, startTime)!;
	const [top] = second.threads;
	t.like(top, {tid: tids.spinner, name: 'spinner'});
	t.true(top!.cpuPercent! > 0, `spinner at ${top!.cpuPercent} %`);
	t.false(second.threads.some(thread => thread.tid === tids['idle-b']), 'the ended thread is gone');
	t.like(second.threads.find(thread => thread.tid === late), {name: 'late', cpuPercent: undefined});
	t.is(second.threads.length, 4);
	t.true(second.threads.every(thread => ['R', 'S', 'D'].includes(thread.state)));

	await python.stop();
	t.is(sampler.sample(pid, startTime), undefined, 'the process is gone');
});
