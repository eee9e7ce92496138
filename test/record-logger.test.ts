import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {defaultLogPath, Logger} from '../source/record/logger.js';

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-log-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

const now = (): number => new Date(2024, 0, 2, 3, 4, 5).getTime();

test('lines are `YYYY/MM/DD HH:MM:SS LEVEL message`, appended; debug only with debug on', t => {
	const file = path.join(temporaryFolder(t), 'deeper', 'wazuh-metrics.log');
	const logger = new Logger({path: file, now});
	logger.debug('hidden');
	logger.info('started');
	logger.warn('wazuh-db restarted: pid 1 -> 2');
	logger.error('given up');
	logger.close();
	t.is(fs.readFileSync(file, 'utf8'), [
		'2024/01/02 03:04:05 INFO started',
		'2024/01/02 03:04:05 WARN wazuh-db restarted: pid 1 -> 2',
		'2024/01/02 03:04:05 ERROR given up',
		'',
	].join('\n'));

	const verbose = new Logger({path: file, now, debug: true});
	verbose.debug('shown');
	verbose.close();
	t.true(fs.readFileSync(file, 'utf8').endsWith('2024/01/02 03:04:05 ERROR given up\n2024/01/02 03:04:05 DEBUG shown\n'));
});

test('each line is in the file as soon as the call returns', t => {
	const file = path.join(temporaryFolder(t), 'a.log');
	const logger = new Logger({path: file, now});
	logger.info('one');
	t.is(fs.readFileSync(file, 'utf8'), '2024/01/02 03:04:05 INFO one\n');
	logger.close();
	logger.info('after close');
	t.is(fs.readFileSync(file, 'utf8'), '2024/01/02 03:04:05 INFO one\n');
});

test('warnOnce writes a key only once', t => {
	const file = path.join(temporaryFolder(t), 'once.log');
	const logger = new Logger({path: file, now});
	t.true(logger.warnOnce('uss', 'cannot read smaps: run as root'));
	t.false(logger.warnOnce('uss', 'cannot read smaps: run as root'));
	t.true(logger.warnOnce('fd', 'cannot list fds'));
	logger.close();
	t.deepEqual(fs.readFileSync(file, 'utf8').trim().split('\n'), [
		'2024/01/02 03:04:05 WARN cannot read smaps: run as root',
		'2024/01/02 03:04:05 WARN cannot list fds',
	]);
});

test('a multi-line message keeps every entry starting with its timestamp', t => {
	const file = path.join(temporaryFolder(t), 'stack.log');
	const logger = new Logger({path: file, now});
	logger.error('crashed: boom\n    at a (x.js:1)\r\n    at b (y.js:2)');
	logger.close();
	t.is(fs.readFileSync(file, 'utf8'), '2024/01/02 03:04:05 ERROR crashed: boom\n      at a (x.js:1)\n      at b (y.js:2)\n');
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
	t.regex(String(errors[0]), /ENOTDIR/);
});

test('the default log file is <tmpdir>/process_metrics/wazuh-metrics.log', t => {
	t.is(defaultLogPath(), path.join(os.tmpdir(), 'process_metrics', 'wazuh-metrics.log'));
	t.is(new Logger().path, defaultLogPath());
});
