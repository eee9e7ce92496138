import test from 'ava';
import {mainCommand} from '../../../source/cli/options/main.js';
import {parseArgv} from '../../../source/cli/options/parse-argv.js';
import {replayCommand} from '../../../source/cli/options/replay.js';
import {reportCommand} from '../../../source/cli/options/report.js';
import {parseReplayOptions} from '../../../source/cli/replay-options.js';
import {parseReportOptions} from '../../../source/cli/report-options.js';
import {UsageError} from '../../../source/cli/usage-error.js';

/* The one parser of the three commands' tables (source/cli/options/parse-argv.ts). */

test('values after = or as the next word; short options alike; -- ends the options', t => {
	const {values, operands} = parseArgv(mainCommand, ['-s=2', '--units', 'mb', 'db', '--', '--headless', '-x']);
	t.deepEqual(values.get('sleep'), ['2']);
	t.deepEqual(values.get('units'), ['mb']);
	t.deepEqual(operands, ['db', '--headless', '-x']);
	t.false(values.has('headless'));
});

test('a negative number and a lone dash are values, not options', t => {
	t.deepEqual(parseArgv(mainCommand, ['-s', '-1']).values.get('sleep'), ['-1']);
	t.deepEqual(parseArgv(reportCommand, ['--warmup', '-3', 'folder']).values.get('warmup'), ['-3']);
	t.deepEqual(parseArgv(replayCommand, ['-']).operands, ['-']);
});

test('optional values: --version alone or before an option; --demo only after =', t => {
	t.deepEqual(parseArgv(mainCommand, ['--version', '--debug']).values.get('version'), []);
	t.deepEqual(parseArgv(mainCommand, ['-v', '4.9.0']).values.get('version'), ['4.9.0']);
	const demo = parseArgv(mainCommand, ['--demo', 'analysisd']);
	t.deepEqual(demo.values.get('demo'), []);
	t.deepEqual(demo.operands, ['analysisd']);
	t.deepEqual(parseArgv(mainCommand, ['--demo=5']).values.get('demo'), ['5']);
});

test('--disk takes every word up to the next option, and adds up when repeated', t => {
	const {values, operands} = parseArgv(mainCommand, ['--disk', 'a', 'b', '-d', '--disk', 'c', '--', 'db']);
	t.deepEqual(values.get('disk'), ['a', 'b', 'c']);
	t.deepEqual(operands, ['db']);
});

test('a repeated option: refused by the main command, the last one wins in report', t => {
	t.throws(() => parseArgv(mainCommand, ['-u', 'KB', '--units', 'MB']), {instanceOf: UsageError, message: '--units given more than once'});
	const report = parseReportOptions(['folder', '--format', 'md', '--format', 'json']);
	t.is(report === 'help' ? undefined : report.format, 'json');
});

test('each command says its errors in one line, naming itself', t => {
	const cases: Array<[() => unknown, string]> = [
		[() => parseArgv(mainCommand, ['--nope']), 'unknown option --nope (see --help)'],
		[() => parseReportOptions(['folder', '--nope']), 'report: Unknown option \'--nope\''],
		[() => parseReportOptions(['folder', '--format']), 'report: Option \'--format <value>\' argument missing'],
		[() => parseReportOptions(['folder', '--help=yes']), 'report: Option \'--help\' does not take an argument'],
		[() => parseReportOptions(['folder', '-h']), 'report: Unknown option \'-h\''],
		[() => parseReplayOptions(['--nope']), 'replay: unknown option --nope (see replay --help)'],
		[() => parseReplayOptions([]), 'replay takes one session folder: wazuh-metrics replay <session-folder>'],
		[() => parseReplayOptions(['a', 'b']), 'replay takes one session folder: wazuh-metrics replay <session-folder>'],
		[() => parseReplayOptions(['a', '-h=1']), 'replay: --help takes no value'],
	];
	for (const [parse, message] of cases) {
		t.throws(parse, {instanceOf: UsageError, message});
	}

	t.is(parseReplayOptions(['--help']), 'help');
	t.is(parseReplayOptions(['folder', '-h']), 'help');
	t.deepEqual(parseReplayOptions(['folder']), {folder: 'folder', ascii: false});
	t.deepEqual(parseReplayOptions(['--ascii', 'folder']), {folder: 'folder', ascii: true});
});
