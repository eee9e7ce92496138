import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {Monitor} from '../../../source/collect/monitor.js';
import {cpuUsePercent, parseCpuTimes, parseLoadavg, parseMeminfo, parseUptime} from '../../../source/procfs/parse-system.js';
import {FakeProc} from '../../helpers/fake-proc.js';

const statText = (user: number, idle: number, iowait: number) => [
	`cpu  ${user} 10 ${user / 2} ${idle} ${iowait} 0 5 0 0 0`,
	`cpu0 ${user / 2} 5 ${user / 4} ${idle / 2} ${iowait / 2} 0 2 0 0 0`,
	`cpu1 ${user / 2} 5 ${user / 4} ${idle / 2} ${iowait / 2} 0 3 0 0 0`,
	'intr 1234 0 0',
	'btime 1764300000',
	'',
].join('\n');

test('load averages, as /proc/loadavg writes them', t => {
	t.deepEqual(parseLoadavg('0.02 0.42 1.23 1/82 22302\n'), {one: 0.02, five: 0.42, fifteen: 1.23});
	t.is(parseLoadavg(''), undefined);
	t.is(parseLoadavg('x y z'), undefined);
});

test('CPU counters and cores from /proc/stat; the use between two readings counts idle and iowait as unused', t => {
	const first = parseCpuTimes(statText(1000, 8000, 200))!;
	t.deepEqual(first, {total: 1000 + 10 + 500 + 8000 + 200 + 5, idle: 8200, cores: 2});
	const second = parseCpuTimes(statText(1400, 8500, 300))!;
	// Busy: user +400, system +200 (nice, softirq unchanged); all: +400 +200 +500 +100 = 1200.
	t.is(cpuUsePercent(first, second), 600 / 1200 * 100);
	t.is(cpuUsePercent(undefined, second), undefined, 'the first tick has no rate');
	t.is(cpuUsePercent(second, second), undefined, 'no time passed');
	t.is(parseCpuTimes('intr 1 2 3\n'), undefined);
});

test('memory and swap from /proc/meminfo, in bytes', t => {
	const text = 'MemTotal:       24684092 kB\nMemFree:         1000000 kB\nMemAvailable:   24271388 kB\nCached:           500000 kB\nSwapTotal:       2097148 kB\nSwapFree:        1048574 kB\nHugePages_Total:       0\n';
	t.deepEqual(parseMeminfo(text), {memTotal: 24_684_092 * 1024, memAvailable: 24_271_388 * 1024, swapTotal: 2_097_148 * 1024, swapFree: 1_048_574 * 1024});
	// Before Linux 3.14 there is no MemAvailable: free + page cache stands for it.
	t.is(parseMeminfo('MemTotal: 2000 kB\nMemFree: 300 kB\nCached: 200 kB\n')!.memAvailable, 500 * 1024);
	t.is(parseMeminfo('nothing here'), undefined);
	t.is(parseUptime('12345.67 23456.78\n'), 12_345.67);
	t.is(parseUptime(''), undefined);
});

test('the real /proc parses, and agrees with what Node reads of this host', t => {
	const cpu = parseCpuTimes(fs.readFileSync('/proc/stat', 'latin1'))!;
	t.is(cpu.cores, os.cpus().length);
	const memory = parseMeminfo(fs.readFileSync('/proc/meminfo', 'latin1'))!;
	t.is(memory.memTotal, os.totalmem());
	t.true(memory.memAvailable > 0 && memory.memAvailable <= memory.memTotal);
	t.true(parseLoadavg(fs.readFileSync('/proc/loadavg', 'latin1')) !== undefined);
	const uptime = parseUptime(fs.readFileSync('/proc/uptime', 'latin1'))!;
	t.true(Math.abs(uptime - os.uptime()) < 5);
});

test('each snapshot carries the system part, read from the monitor\'s /proc', t => {
	const proc = new FakeProc();
	t.teardown(() => proc.dispose());
	proc.addDaemon('wazuh-db');
	fs.writeFileSync(path.join(proc.root, 'loadavg'), '1.50 0.75 0.25 2/100 4242\n');
	fs.writeFileSync(path.join(proc.root, 'meminfo'), 'MemTotal: 4096 kB\nMemAvailable: 1024 kB\nSwapTotal: 2048 kB\nSwapFree: 512 kB\n');
	fs.writeFileSync(path.join(proc.root, 'stat'), statText(1000, 8000, 200));
	const monitor = new Monitor({daemons: ['db'], procRoot: proc.root, selfPid: proc.selfPid, clock: proc.clock, clockTicksPerSecond: proc.hz, ticker: false});
	monitor.start();
	t.teardown(async () => monitor.stop());
	fs.writeFileSync(path.join(proc.root, 'stat'), statText(1400, 8500, 300));
	proc.elapse(1);
	const first = monitor.tickNow();
	t.deepEqual(first.system, {
		load: {one: 1.5, five: 0.75, fifteen: 0.25},
		cpuPercent: 50,
		cores: 2,
		memTotal: 4096 * 1024,
		memAvailable: 1024 * 1024,
		swapTotal: 2048 * 1024,
		swapFree: 512 * 1024,
		uptime: proc.uptime,
	});
	t.true(Object.isFrozen(first.system));
	fs.writeFileSync(path.join(proc.root, 'stat'), statText(1400, 9700, 300));
	proc.elapse(1);
	t.is(monitor.tickNow().system?.cpuPercent, 0, 'an idle second');
	// A /proc without these files (a container): the parts are undefined, sampling goes on.
	fs.rmSync(path.join(proc.root, 'loadavg'));
	fs.rmSync(path.join(proc.root, 'meminfo'));
	proc.elapse(1);
	const bare = monitor.tickNow();
	t.is(bare.system?.load, undefined);
	t.is(bare.system?.memTotal, undefined);
	t.is(bare.samples.length, 1);
});
