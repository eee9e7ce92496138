import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {assertFreshBuild} from '../helpers/fresh-build.js';
import {user} from '../helpers/harden.js';
import {copyProgram, entry} from '../helpers/readable-cli.js';

/*
 * The CLI another user runs in the harden-* tests is a copy of the checkout's (helpers/readable-cli.ts):
 * a checkout inside a folder only root may enter (a clone in `mktemp -d`) is closed to them.
 */

const checkout = fileURLToPath(new URL('../..', import.meta.url));
const nobody = user('nobody');
const canSwitch = process.getuid?.() === 0 && nobody !== undefined;

/** A folder of the system's temporary folder, removed after the test. */
function scratch(t: ExecutionContext, prefix: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

/**
 * Node as nobody, from `/`: the test entry with --version, then every module of the live screen
 * and the library imported (the CLI imports the screen, and with it Ink and React, only for a
 * terminal). From `root`, a package root.
 */
function runAsNobody(root: string): {status: number | null; output: string} {
	const script = [
		`const {execFileSync} = await import('node:child_process');`,
		`process.stdout.write(execFileSync(process.execPath, [${JSON.stringify(path.join(root, entry))}, '{}', '--version'], {encoding: 'utf8'}));`,
		`await import(${JSON.stringify(path.join(root, 'dist', 'ui', 'run-ui.js'))});`,
		`await import(${JSON.stringify(path.join(root, 'dist', 'index.js'))});`,
	].join('\n');
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {uid: nobody!.uid, gid: nobody!.gid, cwd: '/', encoding: 'utf8'});
	return {status: result.status, output: result.stdout + result.stderr};
}

test('another user runs the CLI from its copy of a checkout closed to them', t => {
	if (!canSwitch) {
		// Not a silent pass: CI runs as root on Debian, where nobody exists, and must run it.
		t.false(Boolean(process.env.CI), 'CI must run this: it needs root and the user nobody');
		t.log('not run here: needs root and the user nobody');
		return;
	}

	assertFreshBuild();
	// A checkout as `git clone` makes one in `mktemp -d`: its own folders open, the one around it not.
	const closed = scratch(t, 'wm-closed-');
	t.is(fs.statSync(closed).mode & 0o777, 0o700);
	const closedCheckout = path.join(closed, 'checkout');
	fs.mkdirSync(closedCheckout);
	copyProgram(checkout, closedCheckout);
	const refused = runAsNobody(closedCheckout);
	t.not(refused.status, 0, 'nobody ran the CLI from inside a folder closed to them: this test proves nothing here');
	t.regex(refused.output, /Cannot find module|EACCES/);

	const copy = scratch(t, 'wm-readable-');
	copyProgram(closedCheckout, copy);
	const run = runAsNobody(copy);
	const {version} = JSON.parse(fs.readFileSync(path.join(checkout, 'package.json'), 'utf8')) as {version: string};
	t.is(run.status, 0, run.output);
	t.is(run.output, `wazuh-metrics ${version}\n`);
});

test('the copy is the checkout\'s build, file for file', t => {
	assertFreshBuild();
	const copy = scratch(t, 'wm-readable-');
	copyProgram(checkout, copy);
	const filesUnder = (root: string, folder: string): string[] => fs.readdirSync(path.join(root, folder), {recursive: true, encoding: 'utf8'})
		.filter(name => fs.statSync(path.join(root, folder, name)).isFile())
		.sort();
	const built = filesUnder(checkout, 'dist');
	t.deepEqual(filesUnder(copy, 'dist'), built);
	for (const name of [...built.map(file => path.join('dist', file)), 'package.json', entry]) {
		t.true(fs.readFileSync(path.join(copy, name)).equals(fs.readFileSync(path.join(checkout, name))), name);
	}

	// Every folder of the copy lets others in; nothing in it is theirs to change.
	for (const name of ['', ...fs.readdirSync(copy, {recursive: true, encoding: 'utf8'})]) {
		const stat = fs.statSync(path.join(copy, name));
		t.is(stat.mode & 0o022, 0, `${name} is writable by others`);
		if (stat.isDirectory()) {
			t.is(stat.mode & 0o777, 0o755, name);
		}
	}
});
