import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {defaultLogPath, Logger} from '../../../source/recorder/logger.js';

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-log-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

const now = (): number => new Date(2024, 0, 2, 3, 4, 5).getTime();
/** The writing instance's PID, in every line. */
const stamp = `2024/01/02 03:04:05 [${process.pid}]`;

test('lines are `YYYY/MM/DD HH:MM:SS [PID] LEVEL message`, appended; debug only with debug on', t => {
	const file = path.join(temporaryFolder(t), 'deeper', 'wazuh-metrics.log');
	const logger = new Logger({path: file, now});
	logger.debug('hidden');
	logger.info('started');
	logger.warn('wazuh-db restarted: pid 1 -> 2');
	logger.error('given up');
	logger.close();
	t.is(fs.readFileSync(file, 'utf8'), [
		`${stamp} INFO started`,
		`${stamp} WARN wazuh-db restarted: pid 1 -> 2`,
		`${stamp} ERROR given up`,
		'',
	].join('\n'));

	const verbose = new Logger({path: file, now, debug: true});
	verbose.debug('shown');
	verbose.close();
	t.true(fs.readFileSync(file, 'utf8').endsWith(`${stamp} ERROR given up\n${stamp} DEBUG shown\n`));
});

test('each line is in the file as soon as the call returns', t => {
	const file = path.join(temporaryFolder(t), 'a.log');
	const logger = new Logger({path: file, now});
	logger.info('one');
	t.is(fs.readFileSync(file, 'utf8'), `${stamp} INFO one\n`);
	logger.close();
	logger.info('after close');
	t.is(fs.readFileSync(file, 'utf8'), `${stamp} INFO one\n`);
});

test('warnOnce writes a key only once', t => {
	const file = path.join(temporaryFolder(t), 'once.log');
	const logger = new Logger({path: file, now});
	t.true(logger.warnOnce('uss', 'cannot read smaps: run as root'));
	t.false(logger.warnOnce('uss', 'cannot read smaps: run as root'));
	t.true(logger.warnOnce('fd', 'cannot list fds'));
	logger.close();
	t.deepEqual(fs.readFileSync(file, 'utf8').trim().split('\n'), [
		`${stamp} WARN cannot read smaps: run as root`,
		`${stamp} WARN cannot list fds`,
	]);
});

test('a multi-line message keeps every entry starting with its timestamp', t => {
	const file = path.join(temporaryFolder(t), 'stack.log');
	const logger = new Logger({path: file, now});
	logger.error('crashed: boom\n    at a (x.js:1)\r\n    at b (y.js:2)');
	logger.close();
	t.is(fs.readFileSync(file, 'utf8'), `${stamp} ERROR crashed: boom\n      at a (x.js:1)\n      at b (y.js:2)\n`);
});

test('a log that cannot be written never throws, and says so once per failure streak', t => {
	const blocker = path.join(temporaryFolder(t), 'a-file');
	fs.writeFileSync(blocker, '');
	const errors: unknown[] = [];
	const logger = new Logger({
		path: path.join(blocker, 'sub', 'x.log'),
		onError(error) {
			errors.push(error);
			throw new Error('a careless callback');
		},
	});
	t.notThrows(() => {
		logger.info('one');
		logger.error('two');
		logger.warnOnce('k', 'three');
	});
	t.is(errors.length, 1);
	t.regex(String(errors[0]), /a-file is not a directory/);
});

test('the default log file is wazuh-metrics.log in the default state root', t => {
	t.is(defaultLogPath('/var/log/wazuh-metrics'), '/var/log/wazuh-metrics/wazuh-metrics.log');
	t.is(new Logger().path, defaultLogPath());
	if (process.geteuid?.() === 0) {
		t.is(defaultLogPath(), '/var/log/wazuh-metrics/wazuh-metrics.log');
	}
});

test('a log that is a symlink, a FIFO or a hard link is not written, and that is said once', t => {
	const folder = temporaryFolder(t);
	const target = path.join(folder, 'target');
	fs.writeFileSync(target, 'kept\n');
	fs.symlinkSync(target, path.join(folder, 'link.log'));
	fs.linkSync(target, path.join(folder, 'hard.log'));
	t.is(spawnSync('mkfifo', [path.join(folder, 'fifo.log')]).status, 0);
	for (const [name, reason] of [['link.log', /symbolic link/], ['hard.log', /other hard links/], ['fifo.log', /not a regular file/]] as const) {
		const errors: unknown[] = [];
		const logger = new Logger({path: path.join(folder, name), onError: error => errors.push(error)});
		logger.info('one');
		logger.info('two');
		logger.close();
		t.is(errors.length, 1, name);
		t.regex(String(errors[0]), reason, name);
	}

	t.is(fs.readFileSync(target, 'utf8'), 'kept\n');
});

test('a new log file is 0600 in a folder created 0700, whatever the umask', t => {
	const file = path.join(temporaryFolder(t), 'new', 'x.log');
	const umask = process.umask(0);
	try {
		const logger = new Logger({path: file});
		logger.info('one');
		logger.close();
	} finally {
		process.umask(umask);
	}

	t.is(fs.statSync(file).mode & 0o777, 0o600);
	t.is(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
});

test('the log is bounded: past the cap it becomes .1 (the previous .1 dropped) and a fresh file starts, no line lost between them', t => {
	const folder = temporaryFolder(t);
	const file = path.join(folder, 'wazuh-metrics.log');
	const cap = 1000;
	const logger = new Logger({path: file, now, maxBytes: cap});
	const lines = Array.from({length: 120}, (_, index) => `${stamp} INFO line ${String(index).padStart(3, '0')}`);
	for (const [index] of lines.entries()) {
		logger.info(`line ${String(index).padStart(3, '0')}`);
		t.true(fs.statSync(file).size <= cap, `the file past the cap at line ${index}`);
	}

	logger.close();
	t.deepEqual(fs.readdirSync(folder).sort(), ['wazuh-metrics.log', 'wazuh-metrics.log.1']);
	const rotated = fs.readFileSync(`${file}.1`, 'utf8');
	const current = fs.readFileSync(file, 'utf8');
	t.true(rotated.length <= cap && current.length > 0);
	// The .1 was full: one more line would not have fitted in it.
	t.true(rotated.length + lines[0]!.length + 1 > cap);
	// Together they are the last lines written, in order, with none missing between them.
	const kept = `${rotated}${current}`.trimEnd().split('\n');
	t.deepEqual(kept, lines.slice(-kept.length));
	t.true(kept.length < lines.length, 'older lines were dropped: that is the bound');
});

test('rotation renames inside the folder: a link planted as .1 is replaced, its target untouched', t => {
	const folder = temporaryFolder(t);
	const file = path.join(folder, 'x.log');
	const target = path.join(folder, 'target');
	fs.writeFileSync(target, 'kept\n');
	fs.symlinkSync(target, `${file}.1`);
	const logger = new Logger({path: file, now, maxBytes: 200});
	for (let index = 0; index < 6; index++) {
		logger.info(`first ${index}`);
	}

	t.is(fs.readFileSync(target, 'utf8'), 'kept\n');
	t.false(fs.lstatSync(`${file}.1`).isSymbolicLink());
	t.regex(fs.readFileSync(`${file}.1`, 'utf8'), /first 0/);

	logger.close();
});

test('a log rotated by another run sharing it is reopened, not renamed again (which would drop the other run\'s lines)', t => {
	const file = path.join(temporaryFolder(t), 'x.log');
	const length = `${stamp} INFO a 0\n`.length;
	// Room for five lines: the first run writes three, the second two and rotates at its third.
	const cap = length * 5;
	const first = new Logger({path: file, now, maxBytes: cap});
	const second = new Logger({path: file, now, maxBytes: cap});
	for (const index of [0, 1, 2]) {
		first.info(`a ${index}`);
	}

	for (const index of [0, 1, 2]) {
		second.info(`b ${index}`);
	}

	t.is(fs.readFileSync(file, 'utf8'), `${stamp} INFO b 2\n`);
	// The first run's descriptor is on the .1 now, past the cap.
	first.info('a 3');
	first.close();
	second.close();
	t.is(fs.readFileSync(`${file}.1`, 'utf8'), ['a 0', 'a 1', 'a 2', 'b 0', 'b 1', ''].map(text => text === '' ? '' : `${stamp} INFO ${text}`).join('\n'));
	t.is(fs.readFileSync(file, 'utf8'), `${stamp} INFO b 2\n${stamp} INFO a 3\n`);
});
