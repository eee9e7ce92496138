import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {keys, PtyScreen} from '../helpers/pty.js';
import {startThreadedPython} from '../helpers/threaded-python.js';

/*
 * "Which thread of the daemon is busy", on the real screen: a Python daemon (apid, as a 4.x
 * manager installs it) whose busy thread named itself, watched by the CLI in a pty. Its detail view
 * lists that thread first, with its TID and a CPU %, and splits the process's CPU into user and
 * system.
 */

const size = {columns: 100, rows: 34};

/** The detail view arrived whole: its footer, the last line written, is its last line. */
const whole = (lines: readonly string[]): boolean => lines.findLast(line => line.trim() !== '')?.startsWith('Esc back') === true;

test('the detail view lists the busy named thread first, with its TID, and the CPU split into user and system', async t => {
	t.timeout(180_000, 'a few ticks at -s 0.5 on a busy machine');
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-threads-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	// A 4.x manager: its control script tells the layout; apid is the script its Python runs.
	const install = path.join(folder, 'ossec');
	fs.mkdirSync(path.join(install, 'bin'), {recursive: true});
	fs.mkdirSync(path.join(install, 'api', 'scripts'), {recursive: true});
	fs.writeFileSync(path.join(install, 'bin', 'wazuh-control'), '#!/bin/sh\n', {mode: 0o750});
	const python = await startThreadedPython(path.join(install, 'api', 'scripts', 'wazuh_apid.py'), ['idle-a', 'idle-b']);
	t.teardown(async () => python.stop());
	const spinner = python.tids.spinner!;

	const screen = new PtyScreen(['apid', '--no-stats', '-s', '0.5', '--store-process', path.join(folder, 'recording')], size, {}, {scope: python.pid, installFolders: [install]});
	t.teardown(() => {
		screen.kill();
	});
	await screen.waitForScreen(lines => (lines.some(line => /^ {2}wazuh_apid\.py /.test(line)) ? true : undefined), 'the apid row');
	screen.write(keys.enter);

	// Wait for the condition (the spinner on top with a rate), however many ticks that takes.
	const threadRow = new RegExp(`^ *${spinner} spinner +[RSD] +\\d+\\.?\\d*(?: |$)`);
	const detail = await screen.waitForScreen(lines => {
		const header = lines.findIndex(line => /^ +TID NAME +S +CPU %/.test(line));
		return header > 0 && threadRow.test(lines[header + 1] ?? '') && whole(lines) ? {lines, header} : undefined;
	}, 'the spinner first in the thread list');
	const {lines, header} = detail;
	const heading = lines[header - 1]!;
	t.regex(heading, /^CPU [\d.]+ % {2}user [\d.]+ {2}sys [\d.]+ {3}4 threads, busiest first/, heading);
	// Every thread is listed, under the name it gave itself.
	const listed = lines.slice(header + 1, header + 5).join('\n');
	for (const [name, tid] of Object.entries(python.tids)) {
		t.regex(listed, new RegExp(`\\b${tid} ${name === 'main' ? 'python3' : name} `), listed);
	}

	t.true(lines.some(line => line.startsWith(`wazuh_apid.py  PID ${python.pid}`)), lines.join('\n'));
	screen.write('q');
	const {exitCode} = await screen.exited;
	t.is(exitCode, 0);
});
