import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {type Fleet, startFleet} from '../../helpers/fleet.js';
import {textfileName, TextfileWriter} from '../../../source/export/textfile.js';
import {type CliOptions, runCli, scopeTo, sleep, startCli, waitFor} from '../../helpers/cli.js';

/** The CLI's arguments for a fleet, in one place (see export-prometheus.test.ts). */
function cliFor(fleet: Fleet, folder: string, textfile: string): {args: string[]; options: CliOptions} {
	return {
		args: ['--match-by-name', 'analysisd', '--headless', '-s', '0.2', '--textfile', textfile, '--store-process', folder],
		options: scopeTo(fleet),
	};
}

function privateFolder(prefix: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(folder, 0o700);
	return folder;
}

/** A whole exposition: the first family, every process family complete, the last line ended. */
function wholeness(text: string): string | undefined {
	if (!text.endsWith('\n')) {
		return 'no final newline';
	}

	if (!text.startsWith('# HELP wazuh_metrics_info ')) {
		return 'does not start with the _info family';
	}

	const count = (prefix: string) => text.split('\n').filter(line => line.startsWith(prefix)).length;
	const processes = count('wazuh_metrics_process_threads{');
	if (processes !== 3) {
		return `${processes} processes`;
	}

	// The last family written: a cut anywhere would leave it short or missing.
	if (count('wazuh_metrics_process_start_time_seconds{') !== processes) {
		return 'start times missing';
	}

	return text.split('\n').every(line => line === '' || line.startsWith('# ') || /^wazuh_metrics_\w+(\{[^}]*\})? \S+$/.test(line)) ? undefined : 'a malformed line';
}

test('textfile: written every tick, replaced whole (a polling reader never sees it half written), removed at exit', async t => {
	const fleet = await startFleet({daemons: [{name: 'wazuh-analysisd', shape: {children: 2, fds: 4}}], decoy: false});
	t.teardown(async () => fleet.stop());
	const folder = privateFolder('wm-tf-csv-');
	const textDir = privateFolder('wm-tf-');
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
		fs.rmSync(textDir, {recursive: true, force: true});
	});
	const {args, options} = cliFor(fleet, folder, textDir);
	const {child, finished} = startCli(args, options);
	t.teardown(() => child.kill('SIGKILL'));
	const file = path.join(textDir, textfileName);
	await waitFor(() => (fs.existsSync(file) ? true : undefined), 60_000, 'the textfile');

	// Read as fast as possible until 25 different ticks have been seen.
	const ticks = new Set<string>();
	let reads = 0;
	while (ticks.size < 25) {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			t.fail(`the file went missing while the CLI runs: ${(error as Error).message}`);
			break;
		}

		reads++;
		const problem = wholeness(text);
		if (problem !== undefined) {
			t.fail(`read ${reads}: ${problem}`);
			break;
		}

		ticks.add(/^wazuh_metrics_ticks_total (\d+)$/m.exec(text)![1]!);
		await sleep(ticks.size % 2 === 0 ? 0 : 3);
	}

	t.true(reads > ticks.size, `reads: ${reads}, ticks: ${ticks.size}`);
	t.is(fs.statSync(file).mode & 0o777, 0o644, 'readable by node_exporter\'s user');
	t.deepEqual(fs.readdirSync(textDir), [textfileName], 'no temporary file in the collector\'s folder');
	child.kill('SIGTERM');
	const run = await finished;
	t.is(run.code, 0, run.stderr);
	t.deepEqual(fs.readdirSync(textDir), [], 'a stopped tool leaves no stale metrics for node_exporter');
});

test('textfile: an unsafe or missing folder is refused before anything starts (one line, exit 2)', async t => {
	const base = privateFolder('wm-tf-bad-');
	t.teardown(() => {
		fs.rmSync(base, {recursive: true, force: true});
	});
	const open = path.join(base, 'open');
	fs.mkdirSync(open);
	fs.chmodSync(open, 0o777);
	fs.symlinkSync(base, path.join(base, 'link'));
	for (const [dir, reason] of [[open, /writable/], [path.join(base, 'link'), /symbolic link|symlink/], [path.join(base, 'missing'), /no such file|missing/]] as const) {
		const run = await runCli(['analysisd', '--match-by-name', '--headless', '--textfile', dir, '--store-process', path.join(base, 'csv')]);
		t.is(run.code, 2, run.stderr);
		t.is(run.stderr.trim().split('\n').length, 1, run.stderr);
		t.regex(run.stderr, /--textfile/);
		t.regex(run.stderr, reason);
	}
});

test('textfile writer: a planted temporary file or link is replaced, never followed', t => {
	const dir = privateFolder('wm-tf-plant-');
	t.teardown(() => {
		fs.rmSync(dir, {recursive: true, force: true});
	});
	const victim = path.join(dir, 'victim');
	fs.writeFileSync(victim, 'keep');
	fs.symlinkSync(victim, path.join(dir, `.${textfileName}.${process.pid}.tmp`));
	fs.symlinkSync(victim, path.join(dir, textfileName));
	const writer = new TextfileWriter(dir);
	writer.open();
	writer.write('x 1\n');
	t.is(fs.readFileSync(victim, 'utf8'), 'keep');
	t.false(fs.lstatSync(path.join(dir, textfileName)).isSymbolicLink());
	t.is(fs.readFileSync(path.join(dir, textfileName), 'utf8'), 'x 1\n');
	writer.close();
	t.false(fs.existsSync(path.join(dir, textfileName)));
	t.true(fs.existsSync(victim));
});
