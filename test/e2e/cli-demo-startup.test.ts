import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {runCli, startCli, waitFor} from '../helpers/cli.js';

/*
 * The demo's start-up, headless (stderr is a pipe): what is starting is said first, a slow start
 * says so and goes on, a failed start is logged and leaves no session folder and no escape code.
 */

function stateRoot(t: ExecutionContext): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-demo-start-'));
	t.teardown(() => fs.rmSync(root, {recursive: true, force: true}));
	return root;
}

/** Every folder below `root` that has no entry (a session folder left empty). */
function emptyFolders(root: string): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(root, {withFileTypes: true, recursive: true})) {
		const full = path.join(entry.parentPath, entry.name);
		if (entry.isDirectory() && fs.readdirSync(full).length === 0) {
			found.push(full);
		}
	}

	return found;
}

test('headless demo: says what is starting first, then records, with singular grammar for one daemon and one process', async t => {
	const root = stateRoot(t);
	// A slow start is told every 50 ms here (5 s by default): the demo always takes longer than that.
	const {child, finished} = startCli(['--demo', 'analysisd', '--headless', '-s', '0.5', '-H', '0.5'], {hooks: {stateRoot: root, demoSlowStartMs: 50}});
	t.teardown(() => {
		child.kill('SIGKILL');
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	await waitFor(() => (/· 1 process\b/.test(stderr) ? true : undefined), 90_000, 'a health-check line');
	child.kill('SIGTERM');
	const {code} = await finished;
	t.is(code, 0);
	const lines = stderr.split('\n').filter(Boolean);
	t.is(lines[0], 'wazuh-metrics: starting the demo: a simulated Wazuh 4.x manager (12 daemons)...');
	const slow = lines.filter(line => line.includes('the demo is still starting'));
	t.true(slow.length > 0, 'a slow start says so');
	t.regex(slow[0]!, /^wazuh-metrics: the demo is still starting: \d+ of 12 daemons up after \d+ s \(a busy machine\); waiting$/);
	const recording = lines.findIndex(line => line.includes('recording'));
	t.regex(lines[recording]!, /recording 1 daemon every 0\.5s to /);
	t.true(lines.slice(1, recording).every(line => line.includes('still starting')), 'nothing else before the recording starts');
	t.regex(stderr, / 1 running · 1 process · /);
	t.false(stderr.includes('daemon(s)'));
	t.false(stderr.includes('\u001B'), 'no escape code in a redirected stderr');
	const log = fs.readFileSync(path.join(root, 'wazuh-metrics.log'), 'utf8');
	t.regex(log, /demo: starting a simulated Wazuh 4\.x manager/);
	t.regex(log, /the demo is still starting/);
});

test('a demo that cannot start: one line, exit 1, the reason in the log, no empty session folder, no escape code', async t => {
	const root = stateRoot(t);
	// A fleet folder that is not empty: the fleet refuses it (a real failure, not a simulated one).
	const busy = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-demo-busy-'));
	fs.writeFileSync(path.join(busy, 'someone-elses-file'), '');
	t.teardown(() => fs.rmSync(busy, {recursive: true, force: true}));
	const run = await runCli(['--demo', '--headless'], {hooks: {stateRoot: root, demoDir: busy}});
	t.is(run.code, 1);
	const lines = run.stderr.split('\n').filter(Boolean);
	t.is(lines[0], 'wazuh-metrics: starting the demo: a simulated Wazuh 4.x manager (12 daemons)...');
	t.regex(lines[1]!, /^wazuh-metrics: the demo could not start: .*not empty.* \(details in .*wazuh-metrics\.log\)$/);
	t.is(lines.length, 2, run.stderr);
	t.false(run.stderr.includes('\u001B'), 'no escape code in a redirected stderr');
	t.false(run.stderr.includes('    at '), 'no stack trace');
	t.deepEqual(emptyFolders(root).filter(folder => /\/\d+(?:_\d+)?$/.test(folder)), [], 'no empty session folder');
	const log = fs.readFileSync(path.join(root, 'wazuh-metrics.log'), 'utf8');
	t.regex(log, /ERROR.*demo: could not start: .*not empty/);
	t.true(fs.existsSync(path.join(busy, 'someone-elses-file')), 'the folder it refused is left alone');
});
