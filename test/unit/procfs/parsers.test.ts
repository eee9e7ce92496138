import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {parseCmdline} from '../../../source/procfs/parse-cmdline.js';
import {parseIo} from '../../../source/procfs/parse-io.js';
import {parseSmaps} from '../../../source/procfs/parse-smaps.js';
import {isDead, parseStat} from '../../../source/procfs/parse-stat.js';
import {parseStatus} from '../../../source/procfs/parse-status.js';
import {ProcessReader} from '../../../source/procfs/process-reader.js';

const fixture = (name: string): string => fs.readFileSync(new URL(`../../fixtures/proc/${name}`, import.meta.url), 'utf8');

// Fields 3..52 of a real stat line, after "pid (comm) ".
const tail = 'S 1 4242 4242 0 -1 4194560 1200 0 3 0 150 75 0 0 20 0 4 0 987654 123456789 3000 18446744073709551615 1 1 0 0 0 0 0 4096 17409 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0';

test('stat: plain name', t => {
	const stat = parseStat(`4321 (wazuh-analysisd) ${tail}\n`)!;
	t.is(stat.pid, 4321);
	t.is(stat.comm, 'wazuh-analysisd');
	t.is(stat.state, 'S');
	t.is(stat.ppid, 1);
	t.is(stat.utime, 150);
	t.is(stat.stime, 75);
	t.is(stat.numThreads, 4);
	t.is(stat.startTime, 987_654);
	t.is(stat.vsize, 123_456_789);
});

test('stat: names with spaces, parentheses and newlines are read after the last )', t => {
	for (const comm of ['a b', 'x) S 9 9 (', ')', 'new\nline', 'ünïcode)(']) {
		const stat = parseStat(`77 (${comm}) ${tail}`)!;
		t.is(stat.comm, comm);
		t.is(stat.ppid, 1);
		t.is(stat.startTime, 987_654);
	}
});

test('stat: truncated or garbage text gives undefined', t => {
	t.is(parseStat(''), undefined);
	t.is(parseStat('12 (x) S 1 2'), undefined);
	t.is(parseStat('no parentheses here'), undefined);
});

test('stat: zombies are dead', t => {
	t.true(isDead(parseStat(`5 (z) Z${tail.slice(1)}`)!));
	t.false(isDead(parseStat(`5 (z) ${tail}`)!));
});

test('smaps_rollup: exact keys only (SwapPss and Pss_* are other figures)', t => {
	t.deepEqual(parseSmaps(fixture('smaps_rollup')), {
		rss: 12_345 * 1024,
		pss: 6789 * 1024,
		uss: (2000 + 5245) * 1024,
		swap: 64 * 1024,
	});
});

test('smaps: a kernel without smaps_rollup, summed over mappings', t => {
	t.deepEqual(parseSmaps(fixture('smaps')), {
		rss: 2100 * 1024,
		pss: 2050 * 1024,
		uss: 2000 * 1024,
		swap: 16 * 1024,
	});
});

test('io', t => {
	t.deepEqual(parseIo(fixture('io')), {syscr: 11, syscw: 22, readBytes: 4096, writeBytes: 8192});
	t.is(parseIo('rchar: 1\n'), undefined);
});

test('status: uid and unescaped name', t => {
	t.deepEqual(parseStatus('Name:\tnew\\nline\\\\x\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t999\t999\t999\t999\nVmRSS:\t    2048 kB\nVmSwap:\t       4 kB\n'), {uid: 999, name: 'new\nline\\x', vmRss: 2048 * 1024, vmSwap: 4096});
	// Kernel threads have no VmRSS.
	t.is(parseStatus('Name:\tkthreadd\nUid:\t0\t0\t0\t0\n')!.vmRss, undefined);
	t.is(parseStatus('Name:\tx\n'), undefined);
});

test('cmdline', t => {
	t.deepEqual(parseCmdline('/usr/bin/python3\0/var/ossec/api/scripts/wazuh_apid.py\0'), ['/usr/bin/python3', '/var/ossec/api/scripts/wazuh_apid.py']);
	t.deepEqual(parseCmdline('a b\0\0c\0'), ['a b', '', 'c']);
	t.deepEqual(parseCmdline(''), []);
});

test('reader: falls back to smaps where there is no smaps_rollup, and notices PID reuse', t => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-proc-'));
	const dir = path.join(root, '500');
	fs.mkdirSync(path.join(dir, 'fd'), {recursive: true});
	fs.writeFileSync(path.join(dir, 'stat'), `500 (wazuh-db) ${tail}`);
	fs.copyFileSync(new URL('../../fixtures/proc/smaps', import.meta.url), path.join(dir, 'smaps'));
	fs.copyFileSync(new URL('../../fixtures/proc/io', import.meta.url), path.join(dir, 'io'));
	for (const fd of ['0', '1', '2']) {
		fs.writeFileSync(path.join(dir, 'fd', fd), '');
	}

	const reader = new ProcessReader(500, 987_654, root);
	const reading = reader.read()!;
	t.is(reading.memory?.rss, 2100 * 1024);
	t.is(reading.io?.writeBytes, 8192);
	t.is(reading.fd, 3);
	t.is(reading.stat.comm, 'wazuh-db');

	// Same PID, another process (a different start time): never mixed with the first.
	fs.writeFileSync(path.join(dir, 'stat'), `500 (wazuh-db) ${tail.replace('987654', '999999')}`);
	t.is(reader.read(), undefined);
	fs.rmSync(root, {recursive: true});
});
