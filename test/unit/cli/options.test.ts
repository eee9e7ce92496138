import fs from 'node:fs';
import test from 'ava';
import {helpText, parseOptions} from '../../../source/cli/options.js';
import {mainCommand} from '../../../source/cli/options/main.js';
import {parseArgv} from '../../../source/cli/options/parse-argv.js';
import {UsageError} from '../../../source/cli/usage-error.js';

const parse = (...argv: string[]) => {
	const options = parseOptions(argv);
	if (options === 'help' || options === 'tool-version') {
		throw new Error('unexpected help');
	}

	return options;
};

test('defaults are the original ones', t => {
	const options = parse('analysisd');
	t.deepEqual(options.daemons, ['analysisd']);
	t.is(options.sleep, 1);
	t.is(options.units, 'KB');
	t.is(options.diskUnit, 'GB');
	t.is(options.healthcheckTime, 10);
	t.is(options.retries, 10);
	t.deepEqual(options.disk, []);
	t.false(options.headless);
	t.is(options.version, undefined);
});

test('--disk takes one or more paths and may be repeated', t => {
	t.deepEqual(parse('--disk', 'a', 'b', '-s', '0.5', '--disk', 'c').disk, ['a', 'b', 'c']);
	t.deepEqual(parse('analysisd', '--disk', 'a,b').disk, ['a,b']);
	const attached = parseArgv(mainCommand, ['--disk=x', 'y']);
	t.deepEqual(attached.values.get('disk'), ['x'], 'a value after = is the only one');
	t.deepEqual(attached.operands, ['y']);
});

test('short flags and values', t => {
	const options = parse('apid', 'db', '-s', '2.5', '-u', 'MB', '--disk-unit', 'TB', '-v', '4.9.0', '-d', '-H', '3', '-r', '2', '--headless');
	t.deepEqual(options.daemons, ['apid', 'db']);
	t.is(options.sleep, 2.5);
	t.is(options.units, 'MB');
	t.is(options.diskUnit, 'TB');
	t.is(options.version, '4.9.0');
	t.true(options.debug);
	t.is(options.healthcheckTime, 3);
	t.is(options.retries, 2);
	t.true(options.headless);
});

test('process names: arguments or full names, deduplicated', t => {
	t.deepEqual(parse('wazuh-analysisd', 'analysisd', 'wazuh_apid.py').daemons, ['analysisd', 'apid']);
});

test('--help', t => {
	t.is(parseOptions(['analysisd', '--help']), 'help');
	t.is(parseOptions(['-h']), 'help', '-h as htop users type it');
	t.is(parseOptions(['analysisd', '-h', '-s', '2']), 'help');
});

test('--version alone is the tool\'s version; with a value, the Wazuh version of the CSVs', t => {
	t.is(parseOptions(['--version']), 'tool-version');
	t.is(parseOptions(['-v']), 'tool-version');
	t.is(parseOptions(['analysisd', '--version', '--headless']), 'tool-version', 'followed by a flag: no value');
	t.is(parse('--version', '4.9.0').version, '4.9.0');
	t.is(parse('analysisd', '-v', '4.8.1', '--headless').version, '4.8.1');
	t.is(parse('--version=4.7.0').version, '4.7.0');
});

test('units in any case are written as the CSVs name them', t => {
	t.is(parse('-u', 'mb').units, 'MB');
	t.is(parse('--units', 'Kb').units, 'KB');
	t.is(parse('-u', 'b').units, 'B');
	t.is(parse('--disk-unit', 'gb').diskUnit, 'GB');
	t.is(parse('--disk-unit', 'tB').diskUnit, 'TB');
});

const bad: Array<[string[], RegExp]> = [
	[['nope'], /unknown process name "nope" \(valid: .*analysisd/],
	[['--nope'], /unknown option --nope/],
	[['-x'], /unknown option -x/],
	[['-s', '0'], /--sleep must be a positive number/],
	[['-s', '-1'], /--sleep must be a positive number/],
	[['-s', 'abc'], /--sleep must be a positive number/],
	[['-s', '1e9'], /--sleep must be at most/],
	[['-s'], /--sleep needs a value/],
	[['-u', 'GB'], /unknown unit "GB" for --units/],
	[['-u', 'gb'], /unknown unit "gb" for --units/],
	[['--disk-unit', 'PB'], /unknown unit "PB" for --disk-unit/],
	[['--disk'], /--disk needs at least one path/],
	[['--disk', '--headless'], /--disk needs at least one path/],
	[['-H', '0'], /--healthcheck-time must be a positive number/],
	[['-r', '0'], /--retries must be a positive whole number/],
	[['-r', '2.5'], /--retries must be a positive whole number/],
	[['--headless=yes'], /--headless takes no value/],
	[['-s', '1', '-s', '2'], /--sleep given more than once/],
	[['--store-process', ''], /--store-process needs a non-empty value/],
	[['-s', '0.05'], /^-s 0\.05: the interval must be at least 0\.1 s; CPU time is counted in 10 ms clock ticks, so a shorter interval gives noise$/],
	[['--sleep', '0.001'], /^-s 0\.001: the interval must be at least 0\.1 s; /],
	[['-H', '0.05'], /^-H 0\.05: the interval must be at least 0\.1 s; each health check reads all of \/proc/],
	[['--stats-interval', '0.5'], /^--stats-interval 0\.5: the interval must be at least 1 s; each read queries the daemons' sockets/],
	[['-n', '0'], /^-n must be a positive whole number \(got "0"\)$/],
	[['-n', '2.5'], /^-n must be a positive whole number/],
	[['--batch', '--headless'], /^--batch prints the table and --headless prints none: give one of them$/],
];

test('the smallest intervals are accepted: -s 0.1, -H 0.1, --stats-interval 1; -n and --batch are read', t => {
	const options = parse('-s', '0.1', '-H', '0.1', '--stats-interval', '1', '-n', '3', '--batch');
	t.is(options.sleep, 0.1);
	t.is(options.healthcheckTime, 0.1);
	t.is(options.statsInterval, 1);
	t.is(options.iterations, 3);
	t.true(options.batch);
	t.is(parse('analysisd').iterations, undefined);
	t.false(parse('analysisd').batch);
});

for (const [argv, message] of bad) {
	test(`bad input: ${argv.join(' ') || '(empty)'}`, t => {
		const error = t.throws(() => parseOptions(argv), {instanceOf: UsageError});
		t.regex(error.message, message);
		t.false(error.message.includes('\n'));
	});
}

test('the flag table drives the argv check, the help and the defaults', t => {
	const help = helpText('1.2.3');
	// Every option is named in the documentation (docs/cli.md's generated tables at least).
	const docs = ['README.md', ...fs.readdirSync('docs').filter(name => name.endsWith('.md')).map(name => `docs/${name}`)]
		.map(file => fs.readFileSync(file, 'utf8'))
		.join('\n');
	const readArgv = (argv: string[]) => parseArgv(mainCommand, argv);
	for (const flag of mainCommand.options) {
		t.true(help.includes(`--${flag.name}`), `--${flag.name} in --help`);
		if (flag.short !== undefined) {
			t.true(help.includes(`-${flag.short}, --${flag.name}`), `-${flag.short} in --help`);
			t.notThrows(() => readArgv([`-${flag.short}`, ...(flag.value !== undefined && flag.optionalValue !== 'attached' ? ['x'] : [])]), `-${flag.short} accepted`);
		}

		t.notThrows(() => readArgv([`--${flag.name}`, ...(flag.value !== undefined && flag.optionalValue !== 'attached' ? ['x'] : [])]), `--${flag.name} accepted`);
		t.true(docs.includes(`\`--${flag.name}`), `--${flag.name} in README.md or docs/*.md`);
	}

	t.throws(() => readArgv(['--demo-version', '5']), {message: /unknown option --demo-version/}, 'internal plumbing is not an option');
	const options = parse('analysisd');
	const defaults = Object.fromEntries(mainCommand.options.filter(flag => flag.default !== undefined).map(flag => [flag.name, flag.default]));
	t.deepEqual(defaults, {sleep: '1', units: 'KB', 'disk-unit': 'GB', 'healthcheck-time': '10', retries: '10', 'stats-interval': '5'});
	t.is(options.sleep, Number(defaults.sleep));
	t.is<string | undefined, string | undefined>(options.units, defaults.units);
	t.is<string | undefined, string | undefined>(options.diskUnit, defaults['disk-unit']);
	t.is(options.healthcheckTime, Number(defaults['healthcheck-time']));
	t.is(options.retries, Number(defaults.retries));
});

test('--no-record: only with an exporter, never with a folder to record into or --retain', t => {
	t.true(parse().record);
	t.false(parse('--no-record', '--prometheus', '9101').record);
	t.false(parse('--no-record', '--textfile', '/srv/prom').record);
	t.throws(() => parse('--no-record'), {instanceOf: UsageError, message: /^--no-record needs --prometheus or --textfile/});
	t.throws(() => parse('--no-record', '--headless'), {instanceOf: UsageError, message: /needs --prometheus or --textfile/});
	for (const option of ['--store-process', '--store-disk', '--store-stats']) {
		t.throws(() => parse('--no-record', '--prometheus', '9101', option, '/x'), {instanceOf: UsageError, message: `--no-record records nothing, so ${option} contradicts it`});
	}

	t.throws(() => parse('--no-record', '--prometheus', '9101', '--retain', '3'), {instanceOf: UsageError, message: '--no-record records nothing, so --retain contradicts it'});
});

test('--retain: whole days, the default state folder only', t => {
	t.is(parse().retain, undefined);
	t.is(parse('--retain', '14').retain, 14);
	t.is(parse('--retain', '14', '--store-disk', '/d', '--disk', '/var').retain, 14);
	for (const bad of ['0', '-1', '1.5', 'x', '', '36501']) {
		t.throws(() => parse('--retain', bad), {instanceOf: UsageError, message: /^--retain must be a whole number of days from 1 to 36500/}, bad);
	}

	t.throws(() => parse('--retain', '3', '--store-process', '/x'), {instanceOf: UsageError, message: /^--retain cleans only the default state folder/});
});

test('the help ends with the environment the main command reads', t => {
	const help = helpText('1.0.0');
	t.regex(help, /\n {2}Environment\n {4}STATE_DIRECTORY\n[\s\S]*\n {4}LOGS_DIRECTORY\n[\s\S]*Ignored for root/);
});
