import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {runCli} from '../helpers/cli.js';

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

const badInput: Array<[string, string[], RegExp]> = [
	['unknown process name', ['nosuchd'], /unknown process name "nosuchd" \(valid: agentd, agentlessd, analysisd/],
	['non-positive interval', ['analysisd', '-s', '0'], /--sleep must be a positive number/],
	['unknown unit', ['analysisd', '-u', 'GiB'], /unknown unit "GiB" for --units/],
	['unknown disk unit', ['analysisd', '--disk-unit', 'XB'], /unknown unit "XB" for --disk-unit/],
	['unknown flag', ['analysisd', '--frobnicate'], /unknown option --frobnicate/],
	['--disk without a path', ['analysisd', '--disk'], /--disk needs at least one path/],
	['an absurd interval', ['analysisd', '-s', '1e9'], /--sleep must be at most/],
	['a folder that cannot be written', ['analysisd', '--store-process', '/proc/wazuh-metrics-test'], /cannot (write|create).*\/proc\/wazuh-metrics-test/],
];

for (const [what, args, message] of badInput) {
	test(`bad input (${what}): one line on stderr, exit 2`, async t => {
		const run = await runCli([...args, '--headless']);
		t.is(run.code, 2);
		t.is(lines(run.stderr).length, 1, run.stderr);
		t.regex(run.stderr, message);
		t.false(run.stderr.includes('    at '), 'no stack trace');
	});
}

test('a disk folder under a file cannot be written: exit 2 before anything starts', async t => {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-exit-')), 'plain-file');
	fs.writeFileSync(file, '');
	const run = await runCli(['analysisd', '--headless', '--disk', '/tmp', '--store-disk', path.join(file, 'sub')]);
	t.is(run.code, 2);
	t.is(lines(run.stderr).length, 1, run.stderr);
});

test('no process name and no Wazuh daemon running: exit 2 suggesting --demo', async t => {
	// An empty /proc stands for a host without Wazuh: other test files run simulated managers meanwhile.
	const emptyProc = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-noproc-'));
	const run = await runCli(['--headless', '--store-process', fs.mkdtempSync(path.join(os.tmpdir(), 'wm-exit-'))], {hooks: {procRoot: emptyProc}});
	t.is(run.code, 2);
	t.regex(run.stderr, /no Wazuh daemon is running.*--demo/);
	t.is(lines(run.stderr).length, 1, run.stderr);
});

test('--help shows the options and the tool version, exit 0', async t => {
	const run = await runCli(['--help']);
	t.is(run.code, 0);
	const {version} = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {version: string};
	t.true(run.stdout.includes(`wazuh-metrics ${version}`));
	for (const flag of ['--disk', '--sleep', '--units', '--disk-unit', '--version', '--debug', '--healthcheck-time', '--retries', '--store-process', '--store-disk', '--headless', '--demo']) {
		t.true(run.stdout.includes(flag), flag);
	}
});

test('-h shows the help and --version alone the tool version, exit 0', async t => {
	const {version} = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {version: string};
	const help = await runCli(['-h']);
	t.is(help.code, 0);
	t.true(help.stdout.includes('--store-process'));
	t.is(help.stderr, '');
	for (const flag of ['--version', '-v']) {
		const run = await runCli([flag]);
		t.is(run.code, 0, flag);
		t.is(run.stdout, `wazuh-metrics ${version}\n`, flag);
		t.is(run.stderr, '', flag);
	}
});

test('headless: when every daemon has been given up, exit 1 with a message', async t => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-exit-'));
	// An empty /proc: "never found" must not depend on what else runs on the machine.
	const emptyProc = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-noproc-'));
	const run = await runCli(['maild', '--match-by-name', '--headless', '-s', '0.1', '-H', '0.2', '-r', '2', '--store-process', folder], {hooks: {procRoot: emptyProc}});
	t.is(run.code, 1);
	t.regex(run.stderr, /every daemon has been given up/);
	t.regex(run.stderr, /wazuh-maild not found after 2 checks/);
});
