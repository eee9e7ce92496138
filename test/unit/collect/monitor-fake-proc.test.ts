import fs from 'node:fs';
import test from 'ava';
import {discover} from '../../../source/collect/discovery.js';
import {resolveDaemon} from '../../../source/collect/monitor.js';
import {ProcessReader} from '../../../source/procfs/process-reader.js';
import {uptimeSeconds} from '../../../source/procfs/system.js';
import {FakeProc} from '../../helpers/fake-proc.js';

/*
 * The fake /proc of the collector tests is only as good as its likeness to the real one: the
 * real readers (discovery, ProcessReader) must see in it what was written.
 */

test('discovery finds a daemon and its children in the fake tree, and never the fake tool itself', t => {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	const root = proc.addDaemon('wazuh-remoted');
	const child = proc.addChild(root);
	const grandchild = proc.addChild(child, {comm: 'sh', argv: ['/bin/sh', '-c', 'true']});
	proc.addChild(proc.selfPid, {comm: 'wazuh-db', argv: ['/var/ossec/bin/wazuh-db']});
	const {trees} = discover([resolveDaemon('remoted')!, resolveDaemon('db')!], {procRoot: proc.root, selfPid: proc.selfPid});
	const tree = trees.get('wazuh-remoted');
	t.is(tree?.root.pid, root);
	t.deepEqual(tree?.descendants.map(stat => stat.pid), [child, grandchild]);
	t.false(trees.has('wazuh-db'), 'a process under selfPid is excluded');
	t.is(uptimeSeconds(proc.root), proc.uptime);
});

test('a kept-open reader sees the files rewritten in place, counts fd entries, and notices the exit', t => {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	const pid = proc.addDaemon('wazuh-db', {utime: 7, stime: 3, fds: 5, rss: 10 * 1024 * 1024, uss: 3 * 1024 * 1024, pss: 5 * 1024 * 1024});
	const reader = new ProcessReader(pid, proc.get(pid).startTime, proc.root, () => proc.clock.monotonic());
	t.teardown(() => reader.close());
	const first = reader.read();
	t.like(first?.stat, {pid, ppid: 1, comm: 'wazuh-db', state: 'S', utime: 7, stime: 3, startTime: proc.get(pid).startTime});
	t.deepEqual(first?.memory, {rss: 10 * 1024 * 1024, uss: 3 * 1024 * 1024, pss: 5 * 1024 * 1024, swap: 0});
	t.is(first?.fd, 5);
	t.is(first?.at, proc.clock.monotonic());
	t.deepEqual(reader.children(), []);

	// The directory's size is not its number of entries, so the count must come from the listing.
	t.not(fs.statSync(`${proc.root}/${pid}/fd`).size, 5);
	proc.advance(pid, {utime: 100, readBytes: 4096, syscw: 2});
	proc.update(pid, {fds: 9, rss: 12 * 1024 * 1024});
	proc.elapse(1);
	const child = proc.addChild(pid);
	const second = reader.read();
	t.is(second?.stat.utime, 107);
	t.like(second?.io, {readBytes: 4096, syscw: 2});
	t.is(second?.memory?.rss, 12 * 1024 * 1024);
	t.is(second?.fd, 9);
	t.is(second!.at - first!.at, 1000);
	t.deepEqual(reader.children(), [child]);

	proc.remove(pid);
	t.is(reader.read(), undefined);
	t.is(proc.get(child).ppid, 1, 'the orphan goes to init');
});

test('a restart is a new PID and start time; broken files fail with an error code, not as an exit', t => {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	const pid = proc.addDaemon('wazuh-db');
	proc.addChild(pid);
	proc.elapse(5);
	const newPid = proc.restart(pid);
	t.not(newPid, pid);
	t.is(proc.get(newPid).startTime, (1000 + 5) * proc.hz, 'started now, 5 s after the first');
	t.deepEqual(proc.descendantsOf(newPid), []);
	t.deepEqual(proc.pids.sort((a, b) => a - b), [1, proc.selfPid, newPid]);

	proc.breakFile(newPid, 'io');
	proc.breakFile(newPid, 'fd');
	const reader = new ProcessReader(newPid, proc.get(newPid).startTime, proc.root);
	t.teardown(() => reader.close());
	const reading = reader.read();
	t.truthy(reading);
	t.is(reading?.io, undefined);
	t.is(reading?.fd, undefined);
	t.deepEqual(Object.fromEntries(reader.unreadable), {io: 'ELOOP', fd: 'ENOTDIR'});
});
