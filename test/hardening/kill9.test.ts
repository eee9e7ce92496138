import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {descendantsOf, isAlive} from '../../source/demo/proc-scan.js';
import {readCsv, sleep, startCli, waitFor} from '../helpers/cli.js';
import {seededRandom} from '../helpers/random.js';

/** Roles present from the first tick to the last (churning children come and go). */
const steadyRoles = ['wazuh-analysisd.csv', 'wazuh-remoted.csv', 'wazuh-db.csv', 'wazuh-logcollector.csv', 'wazuh-syscheckd.csv', 'wazuh_apid.csv'];

/** The simulated manager's folder: every fake runs a program from its bin/ folder. */
function demoDirOf(pids: readonly number[]): string {
	for (const pid of pids) {
		const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!;
		if (argv0.includes('/bin/wazuh-')) {
			return path.dirname(path.dirname(argv0));
		}
	}

	throw new Error('no demo process found');
}

const random = seededRandom();
const rounds = 20;
// Drawn up front, so a seed gives the same moments whatever order the rounds run in.
const pauses = Array.from({length: rounds}, () => 200 + random.int(1300));

/** Four rounds at a time: each runs a demo of its own, and twenty at once would be the test's own load. */
const inTurn = (() => {
	let running = 0;
	const waiting: Array<() => void> = [];
	return async <T>(work: () => Promise<T>): Promise<T> => {
		if (running >= 4) {
			await new Promise<void>(resolve => {
				waiting.push(resolve);
			});
		}

		running++;
		try {
			return await work();
		} finally {
			running--;
			waiting.shift()?.();
		}
	};
})();

for (let round = 1; round <= rounds; round++) {
	test(`kill -9 at a random moment, round ${round}: CSVs parse, at most the tick in flight lost, no demo process left`, async t => inTurn(async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-kill9-'));
		const {child, finished} = startCli(['--demo', '--headless', '-s', '0.1', '--store-process', folder]);
		const pause = pauses[round - 1]!;
		t.log(`seed ${random.seed} (WAZUH_METRICS_TEST_SEED): kill after ${pause} ms of rows`);
		await waitFor(() => (fs.existsSync(path.join(folder, 'wazuh_apid.csv')) ? true : undefined), 60_000, 'first rows');
		await sleep(pause);
		const fleet = descendantsOf(child.pid!);
		const fleetDir = demoDirOf(fleet);
		t.true(fleet.length >= 15, `the demo runs (${fleet.length} processes)`);
		child.kill('SIGKILL');
		await finished;

		const rowCounts = steadyRoles.map(name => readCsv(path.join(folder, name)).rows.length);
		for (const name of fs.readdirSync(folder).filter(file => file.endsWith('.csv'))) {
			t.notThrows(() => readCsv(path.join(folder, name)), name);
		}

		// Every tick writes one row per role; a kill mid-tick can only cut the last tick short.
		t.true(Math.max(...rowCounts) - Math.min(...rowCounts) <= 1, `rows per role: ${rowCounts.join(', ')}`);
		await waitFor(() => (fleet.some(pid => isAlive(pid)) ? undefined : true), 60_000, 'the demo processes to exit');
		await waitFor(() => (fs.existsSync(fleetDir) ? undefined : true), 60_000, `the demo folder ${fleetDir} to be removed`);
	}));
}
