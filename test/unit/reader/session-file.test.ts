import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {formatIsoWithOffset} from '../../../source/model/timestamp.js';
import {SafeFolder} from '../../../source/safe-fs/safe-folder.js';
import {type SessionFile, sessionFileName, writeSessionFile} from '../../../source/recorder/session-file-writer.js';
import {parseSessionFile, readSessionFile} from '../../../source/reader/session-file.js';

/*
 * session.json on its own: written through the root-safe open (never through a planted link, never
 * over an existing file), read back field by field (input from a folder someone gave us).
 */

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-session-file-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

const sample: SessionFile = {
	tool: 'wazuh-metrics',
	toolVersion: '0.1.0',
	host: 'qa-manager-01',
	wazuhVersion: '4.9.1',
	layout: 'manager-4',
	interval: 0.5,
	started: '2026-11-28T09:30:28+01:00',
	units: 'MB',
	diskUnit: 'TB',
	daemons: ['wazuh-analysisd', 'wazuh_apid.py'],
	demo: false,
};

const text = (content: Record<string, unknown>): string => JSON.stringify(content);

test('what the writer writes, the reader reads back as it was, in a 0600 file of its own', t => {
	const folder = path.join(temporaryFolder(t), 'session');
	const umask = process.umask(0);
	try {
		t.is(writeSessionFile(new SafeFolder(folder), sample), 'written');
	} finally {
		process.umask(umask);
	}

	const file = path.join(folder, sessionFileName);
	t.is(fs.statSync(file).mode & 0o777, 0o600);
	t.is(fs.statSync(folder).mode & 0o777, 0o700, 'the folder it had to create');
	t.deepEqual(readSessionFile(folder), {info: sample});
	t.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), sample, 'plain JSON any reader can take');
});

test('an existing session.json is left as it is: an earlier run\'s into the same folder keeps describing its rows', t => {
	const folder = temporaryFolder(t);
	t.is(writeSessionFile(new SafeFolder(folder), sample), 'written');
	const before = fs.readFileSync(path.join(folder, sessionFileName), 'utf8');
	t.is(writeSessionFile(new SafeFolder(folder), {...sample, host: 'another-host', interval: 5}), 'exists');
	t.is(fs.readFileSync(path.join(folder, sessionFileName), 'utf8'), before);
	t.is(readSessionFile(folder).info?.host, 'qa-manager-01');
});

test('a symlink planted at session.json is not followed, a dangling one creates nothing, a FIFO does not block', t => {
	const base = temporaryFolder(t);
	const folder = path.join(base, 'session');
	fs.mkdirSync(folder, {mode: 0o700});
	const target = path.join(base, 'target');
	fs.writeFileSync(target, 'precious\n');
	fs.symlinkSync(target, path.join(folder, sessionFileName));
	t.is(writeSessionFile(new SafeFolder(folder), sample), 'exists');
	t.is(fs.readFileSync(target, 'utf8'), 'precious\n', 'the link\'s target is unchanged');
	t.true(fs.lstatSync(path.join(folder, sessionFileName)).isSymbolicLink(), 'the link is not replaced either');
	t.deepEqual(readSessionFile(folder), {problem: 'session.json: a symbolic link, not followed; ignored'});

	fs.rmSync(path.join(folder, sessionFileName));
	const dangling = path.join(base, 'would-be-created');
	fs.symlinkSync(dangling, path.join(folder, sessionFileName));
	t.is(writeSessionFile(new SafeFolder(folder), sample), 'exists');
	t.false(fs.existsSync(dangling), 'the dangling link\'s target was created');

	fs.rmSync(path.join(folder, sessionFileName));
	execFileSync('mkfifo', [path.join(folder, sessionFileName)]);
	t.is(writeSessionFile(new SafeFolder(folder), sample), 'exists');
	const fifo = readSessionFile(folder);
	t.is(fifo.info, undefined);
	t.regex(fifo.problem ?? '', /^session\.json: .*not a regular file; ignored$/);
});

test('a folder that is unsafe to write into is refused before anything is created', t => {
	const base = temporaryFolder(t);
	const open = path.join(base, 'open');
	fs.mkdirSync(open);
	fs.chmodSync(open, 0o777);
	t.throws(() => writeSessionFile(new SafeFolder(open), sample), {message: /writable by other users/});
	t.deepEqual(fs.readdirSync(open), []);
});

test('no session.json: neither info nor problem (older recordings, the other writers)', t => {
	t.deepEqual(readSessionFile(temporaryFolder(t)), {});
});

test('a malformed session.json is one problem line and no info', t => {
	const folder = temporaryFolder(t);
	const file = path.join(folder, sessionFileName);
	const cases: Array<[string, string]> = [
		['{"tool": "wazuh-metrics", "host": ', 'not valid JSON'],
		['[1, 2]', 'not a JSON object'],
		['null', 'not a JSON object'],
		[text({...sample, tool: 'monitor.py'}), '"tool" is a string of 10 characters, not "wazuh-metrics"'],
		[text({...sample, host: undefined}), '"host" is missing, not a host name'],
		[text({...sample, host: ''}), '"host" is a string of 0 characters, not a host name'],
		[text({...sample, host: 42}), '"host" is a number, not a host name'],
		// What the header would send to the terminal: escape sequences must never get there.
		[text({...sample, host: 'qa\u001B]0;pwned\u0007'}), '"host" is text with control characters, not a host name'],
		[text({...sample, host: 'x'.repeat(256)}), '"host" is a string of 256 characters, not a host name'],
		[text({...sample, wazuhVersion: '4.9\n1'}), '"wazuhVersion" is text with control characters, not a line of text'],
		[text({...sample, toolVersion: null}), '"toolVersion" is null, not a line of text'],
		[text({...sample, layout: 'manager'}), '"layout" is a string of 7 characters, not "manager-4", "manager-5", "agent" or ""'],
		[text({...sample, interval: 0}), '"interval" is a number, not a number of seconds above 0'],
		[text({...sample, interval: '1'}), '"interval" is a string of 1 characters, not a number of seconds above 0'],
		[text({...sample, started: '2026/11/28 09:30:28'}), '"started" is a string of 19 characters, not an ISO 8601 time with its offset'],
		[text({...sample, started: '2026-13-45T09:30:28+01:00'}), '"started" is a string of 25 characters, not an ISO 8601 time with its offset'],
		[text({...sample, units: 'GB'}), '"units" is a string of 2 characters, not B, KB, MB'],
		[text({...sample, diskUnit: {}}), '"diskUnit" is an object, not KB, MB, GB, TB'],
		[text({...sample, daemons: 'wazuh-analysisd'}), '"daemons" is a string of 15 characters, not a list of daemon names'],
		[text({...sample, daemons: ['wazuh-db', 7]}), '"daemons" is a list, not a list of daemon names'],
		[text({...sample, demo: 'yes'}), '"demo" is a string of 3 characters, not true or false'],
	];
	for (const [content, why] of cases) {
		fs.writeFileSync(file, content);
		t.deepEqual(readSessionFile(folder), {problem: `session.json: ${why}; ignored`}, content);
		t.deepEqual(parseSessionFile(content), {ok: false, why}, content);
	}

	fs.writeFileSync(file, `{"tool": "wazuh-metrics", "padding": "${'x'.repeat(70 * 1024)}"}`);
	t.deepEqual(readSessionFile(folder), {problem: 'session.json: larger than 64 KiB, not one of ours; ignored'});
});

test('fields a later version may add are ignored; the known ones are taken', t => {
	const parsed = parseSessionFile(text({...sample, kernel: '6.8.0', cpus: 2}));
	t.deepEqual(parsed, {ok: true, info: sample});
	t.deepEqual(parseSessionFile(text({...sample, layout: '', wazuhVersion: ''})), {ok: true, info: {...sample, layout: '', wazuhVersion: ''}});
});

test('demo: true for a demo\'s recording; a file of before the field (none) reads as a real recording', t => {
	t.deepEqual(parseSessionFile(text({...sample, demo: true})), {ok: true, info: {...sample, demo: true}});
	const {demo: _, ...older} = sample;
	t.deepEqual(parseSessionFile(text(older)), {ok: true, info: {...sample, demo: false}});
});

test('started: local time with its offset, the same moment as the clock\'s', t => {
	const now = Date.UTC(2026, 10, 28, 9, 30, 28, 750);
	const formatted = formatIsoWithOffset(now);
	t.regex(formatted, /^2026-11-2\dT\d\d:\d\d:28[+-]\d\d:\d\d$/);
	t.is(Date.parse(formatted), now - 750, 'whole seconds, same instant');
	t.true(parseSessionFile(text({...sample, started: formatted})).ok);
	// Zones with half-hour offsets on both sides of UTC (Node reads TZ again when it changes; the
	// test is synchronous, so no other test runs while it is set).
	const saved = process.env.TZ;
	try {
		process.env.TZ = 'Asia/Kolkata';
		t.is(formatIsoWithOffset(now), '2026-11-28T15:00:28+05:30');
		process.env.TZ = 'America/St_Johns';
		t.is(formatIsoWithOffset(now), '2026-11-28T06:00:28-03:30');
	} finally {
		if (saved === undefined) {
			delete process.env.TZ;
		} else {
			process.env.TZ = saved;
		}
	}
});
