import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {startFleet} from '../helpers/fleet.js';
import {readCsv, scopeTo, startCli, waitFor} from '../helpers/cli.js';

const fdCount = (pid: number): number => fs.readdirSync(`/proc/${pid}/fd`).length;

test('child churn: 10 short-lived children a second, over a hundred recorded: no crash, no fd leak, few files', async t => {
	const lifeMs = 600;
	const fleet = await startFleet({daemons: [{name: 'wazuh-modulesd', shape: {children: 1, childChurn: {perSecond: 10, lifeMs}}}], decoy: false});
	t.teardown(async () => fleet.stop());
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-churn-'));
	const {child, finished} = startCli(['modulesd', '--headless', '-s', '0.25', '-H', '2', '--store-process', folder], scopeTo(fleet));
	t.teardown(() => child.kill('SIGKILL'));
	await waitFor(() => (fs.existsSync(path.join(folder, 'wazuh-modulesd.csv')) ? true : undefined), 60_000, 'first rows');
	const childFilesNow = () => fs.readdirSync(folder).filter(name => name.startsWith('wazuh-modulesd_child_'));
	const recordedChildren = (): Set<number> => {
		const pids = new Set<number>();
		for (const name of childFilesNow()) {
			try {
				for (const row of readCsv(path.join(folder, name)).rows) {
					pids.add(Number(row.PID));
				}
			} catch {
				// Read while a row was being appended: counted at the next look.
			}
		}

		return pids;
	};

	// Warm-up: the recorder has followed a few children already, so its own fds are all open.
	await waitFor(() => (recordedChildren().size >= 10 ? true : undefined), 60_000, '10 children recorded');
	const fdsAfterWarmUp = fdCount(child.pid!);
	let maxFds = fdsAfterWarmUp;
	// A hundred more children recorded, however long a busy machine takes for it: each one opened
	// its /proc files in the recorder, and each one that exited must have had them closed.
	await waitFor(() => {
		maxFds = Math.max(maxFds, fdCount(child.pid!));
		return recordedChildren().size >= 110 ? true : undefined;
	}, 100_000, '110 children recorded');

	const fdsAtEnd = fdCount(child.pid!);
	child.kill('SIGTERM');
	const run = await finished;
	t.is(run.code, 0, run.stderr);
	// Kept-open /proc files of children that exited must be closed: the count stays where it was.
	t.true(fdsAtEnd <= fdsAfterWarmUp + 10, `fds ${fdsAfterWarmUp} after warm-up, ${fdsAtEnd} at the end`);
	t.true(maxFds <= fdsAfterWarmUp + 40, `fds peaked at ${maxFds}`);

	const childFiles = fs.readdirSync(folder).filter(name => name.startsWith('wazuh-modulesd_child_'));
	const childPids = new Set(childFiles.flatMap(name => readCsv(path.join(folder, name)).rows.map(row => Number(row.PID))));
	t.log(`fds: ${fdsAfterWarmUp} after warm-up, peak ${maxFds}, ${fdsAtEnd} at the end; ${childPids.size} children recorded in ${childFiles.length} files`);
	// Freed names are reused: the files stay few (about the number alive at once).
	t.true(childFiles.length <= 15, `${childFiles.length} child files`);
	for (const name of childFiles) {
		for (const row of readCsv(path.join(folder, name)).rows) {
			t.true(row.PID !== '' && row['RSS(KB)'] !== '', `no blank row in ${name}`);
		}
	}
});
