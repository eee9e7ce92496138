/*
 * `npm test` runs ava through this script, which then fails the run if any process the suite started
 * is still alive. Every process of the suite inherits a marker in its environment (a variable only
 * this script reads, from /proc/PID/environ; the tool never looks at it), so the check finds the
 * demo fleets, CLIs and their children whichever way they were started, and however ava ended
 * (a failure, a timeout, a worker or ava itself killed with -9).
 * Usage: node test/run-suite.mjs [ava arguments...]
 */
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {setTimeout as sleep} from 'node:timers/promises';

const markerName = 'WAZUH_METRICS_SUITE_RUN';
const marker = `${markerName}=${process.pid}-${randomBytes(6).toString('hex')}`;
// Lifelines (the CLI's parent poll, the fleet's stdin pipes) need a moment after a hard kill.
const graceMs = 15_000;

function leftovers() {
	const found = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) {
			continue;
		}

		try {
			const environ = fs.readFileSync(`/proc/${name}/environ`, 'latin1');
			if (!environ.split('\0').includes(marker)) {
				continue;
			}

			const stat = fs.readFileSync(`/proc/${name}/stat`, 'latin1');
			if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) {
				continue; // A zombie holds nothing and runs nothing; its parent reaps it.
			}

			const command = fs.readFileSync(`/proc/${name}/cmdline`, 'latin1').split('\0').join(' ').trim();
			found.push({pid: Number(name), command});
		} catch {
			// Gone, or not ours to read.
		}
	}

	return found;
}

// Not resolvable through ava's exports map: its bin, by path.
const avaCli = fileURLToPath(new URL('../node_modules/ava/entrypoints/cli.mjs', import.meta.url));
const ava = spawn(process.execPath, [avaCli, ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: {...process.env, [markerName]: marker.slice(markerName.length + 1)},
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		ava.kill(signal);
	});
}

const [code, signal] = await new Promise(resolve => {
	ava.on('exit', (exitCode, exitSignal) => {
		resolve([exitCode, exitSignal]);
	});
});

let left = leftovers();
const deadline = Date.now() + graceMs;
while (left.length > 0 && Date.now() < deadline) {
	await sleep(250);
	left = leftovers();
}

if (left.length > 0) {
	console.error(`\n${left.length} process(es) started by the test suite outlived it (killed now):`);
	for (const {pid, command} of left) {
		console.error(`  ${pid} ${command.slice(0, 200)}`);
		try {
			process.kill(pid, 'SIGKILL');
		} catch {}
	}

	process.exit(1);
}

process.exit(signal === null ? code ?? 1 : 1);
