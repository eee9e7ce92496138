import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {runCli} from '../helpers/cli.js';

/* `wazuh-metrics report`'s command line through the built CLI: bad input is one line and exit 2. */

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-report-cli-'));
execFileSync('python3', [path.resolve('test/fixtures/recordings/python_original_writer.py'), folder, '1764000000', '30']);
test.after.always(() => {
	fs.rmSync(folder, {recursive: true, force: true});
});

const badInput: Array<[string[], RegExp]> = [
	[['report'], /^wazuh-metrics: report needs the session folder to read/],
	[['report', folder, '--format', 'pdf'], /^wazuh-metrics: --format takes md, json, html or junit, not "pdf"$/],
	[['report', folder, '--warmup=-3'], /^wazuh-metrics: --warmup takes a number of seconds >= 0, not "-3"$/],
	[['report', folder, '--warmup', 'soon'], /^wazuh-metrics: --warmup takes a number of seconds >= 0, not "soon"$/],
	[['report', folder, '--alpha', '2'], /^wazuh-metrics: --alpha takes a probability between 0 and 1/],
	[['report', folder, '--colour'], /^wazuh-metrics: report: Unknown option '--colour'/],
	[['report', path.join(folder, 'missing')], /^wazuh-metrics: cannot read the folder .*missing: no such file or directory \(ENOENT\)$/],
	[['report', folder, '--baseline', os.tmpdir() + '/wm-no-such-baseline'], /no such file or directory/],
	[['report', folder, 'second-folder'], /reads one session folder, not 2/],
];

for (const [args, message] of badInput) {
	test(`bad input, one line and exit 2: ${args.slice(1).map(arg => arg.replace(folder, 'FOLDER')).join(' ')}`, async t => {
		const run = await runCli(args);
		t.is(run.code, 2, run.stderr);
		t.is(run.stdout, '');
		t.is(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
		t.regex(run.stderr.trimEnd(), message);
	});
}

test('--help is report\'s own text, exit 0', async t => {
	const run = await runCli(['report', '--help']);
	t.is(run.code, 0);
	t.regex(run.stdout, /wazuh-metrics report <session-folder> \[--baseline <session-folder>\]/);
});

test('md by default: tables ready for a GitHub issue, with the rule of each verdict', async t => {
	const run = await runCli(['report', folder, '--warmup', '0']);
	t.is(run.code, 0, run.stderr);
	t.regex(run.stdout, /^## Footprint report/);
	t.regex(run.stdout, /\n\| Process \| Samples \| Duration \| CPU mean % \|/);
	t.regex(run.stdout, /\| wazuh-analysisd \| 30 \| \+35\.16 \[\+35\.16 … \+35\.16\] \|/);
	t.regex(run.stdout, /Rule: growing when the least-squares slope's 95 % interval lies above 0/);
	t.regex(run.stdout, /columns this format lacks: diskReadSpeed, diskWriteSpeed, threads/);
});

test('every option of report --help is named in docs/report.md', async t => {
	const run = await runCli(['report', '--help']);
	const inHelp = new Set([...run.stdout.matchAll(/^ {4}(--[\w-]+)/gm)].map(match => match[1]!));
	inHelp.delete('--help');
	const page = fs.readFileSync('docs/report.md', 'utf8');
	const inPage = new Set([...page.matchAll(/`(--[\w-]+)/g)].map(match => match[1]!));
	t.true(inHelp.has('--baseline') && inHelp.has('--leak-min-growth-mib'));
	t.deepEqual([...inHelp].filter(flag => !inPage.has(flag)), []);
});
