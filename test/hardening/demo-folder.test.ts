import {spawn} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {trackChild, untrackChild} from '../helpers/children.js';
import {cliEnvironment} from '../helpers/cli.js';
import {assertFreshBuild} from '../helpers/fresh-build.js';

/*
 * The demo is not a recording of this host: as root it must write nothing under the system state
 * folder (/var/log/wazuh-metrics). Tested for real, with no test hook at all (no state root
 * injected), in a private mount namespace: fresh tmpfs over /var/log and over root's home, so the
 * run can neither touch the real ones nor find an earlier run's files there.
 */

const isRoot = process.geteuid?.() === 0;
const home = os.userInfo().homedir;

type Outcome = {code: number | null; stdout: string; stderr: string};

async function inPrivateMounts(script: string, args: readonly string[]): Promise<Outcome> {
	const child = spawn('/usr/bin/unshare', ['--mount', '--propagation', 'private', 'sh', '-uc', script, 'sh', ...args], {
		env: cliEnvironment(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	trackChild(child.pid);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return new Promise(resolve => {
		child.on('close', code => {
			untrackChild(child.pid);
			resolve({code, stdout, stderr});
		});
	});
}

if (isRoot) {
	test('the demo as root writes nothing under /var/log: its session folder and log are in root\'s own state folder, and it says where', async t => {
		t.timeout(180_000);
		assertFreshBuild();
		// $1 node, $2 the test entry, $3 root's home; the CLI gets no hook ('{}').
		const script = [
			'mount -t tmpfs tmpfs /var/log || exit 9',
			'mount -t tmpfs tmpfs "$3" || exit 9',
			'"$1" "$2" "{}" --demo --no-stats --headless -s 0.5 -n 2 2>&1',
			'echo "exit $?"',
			'echo "--- /var/log"',
			'find /var/log -mindepth 1',
			'echo "--- home"',
			'find "$3" -mindepth 1 -type f | sort',
			'echo "--- session.json"',
			'cat "$3"/.local/state/wazuh-metrics/demo/*/*/session.json',
		].join('\n');
		const {code, stdout, stderr} = await inPrivateMounts(script, [process.execPath, path.resolve('test/helpers/cli-entry.mjs'), home]);
		t.is(code, 0, `${stdout}\n${stderr}`);
		const [said = '', varLog = '', files = '', session = ''] = stdout.split(/^--- .*\n/m);
		const demoRoot = path.join(home, '.local', 'state', 'wazuh-metrics', 'demo');
		t.regex(said, /^exit 0$/m, said);
		t.is(varLog, '', 'nothing under /var/log');
		// <demo root>/<dd-mm-YYYY>/<epoch>: the session folder, which the start and the end name.
		const folder = new RegExp(`${demoRoot.replaceAll('.', '\\.')}/\\d\\d-\\d\\d-\\d{4}/\\d+`);
		t.regex(said, new RegExp(`^wazuh-metrics: recording 12 daemons every 0\\.5s to ${folder.source} \\(the demo's own folder, never the system state folder\\)$`, 'm'));
		t.regex(said, new RegExp(`^wazuh-metrics: \\d+ rows recorded in ${folder.source}$`, 'm'));
		const written = files.trim().split('\n');
		t.true(written.includes(path.join(demoRoot, 'wazuh-metrics.log')), files);
		t.true(written.some(file => new RegExp(`^${folder.source}/wazuh-analysisd\\.csv$`).test(file)), files);
		t.deepEqual(written.filter(file => !file.startsWith(`${demoRoot}/`)), [], 'nothing else in the home folder');
		t.is((JSON.parse(session) as {demo: unknown}).demo, true);
	});
} else {
	test('the demo as root writes nothing under /var/log: skipped (needs root, for unshare --mount and a run as root)', t => {
		// Not a silent skip: CI runs the suite as root.
		t.false(Boolean(process.env.CI), 'CI is set but the suite does not run as root');
		t.log('not root: run the suite as root to test the demo\'s folder in a private mount namespace');
	});
}
