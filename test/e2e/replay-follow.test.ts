import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {startFleet} from '../helpers/fleet.js';
import {readCsv, scopeTo, startCli, waitFor} from '../helpers/cli.js';
import {PtyScreen} from '../helpers/pty.js';

/*
 * `wazuh-metrics replay` on a folder the real CLI is recording into, in a real terminal: the
 * recording grows on the screen, `>` follows its newest tick (● LIVE), a step back stops following,
 * and once the recorder stops the replay says so. While following, every tick shown has the row of
 * every process of the fleet: a tick is shown only once all its files have it.
 */

const rows = (file: string): number => {
	try {
		return readCsv(file).rows.length;
	} catch {
		return 0;
	}
};

/** The cursor and the total as the header's second line shows them. */
function cursorOf(lines: readonly string[]): {sample: number; total: number; live: boolean; recording: boolean} | undefined {
	const match = /REPLAY sample ([\d,]+)\/([\d,]+)/.exec(lines[1] ?? '');
	if (!match) {
		return undefined;
	}

	const number = (text: string): number => Number(text.replaceAll(',', ''));
	return {sample: number(match[1]!), total: number(match[2]!), live: lines[1]!.includes('● LIVE'), recording: lines[1]!.includes('still recording')};
}

test('replay follows a folder being recorded: it grows, > follows the newest tick whole, a step back holds, the end of the recording is told', async t => {
	t.timeout(240_000);
	const fleet = await startFleet({daemons: [{name: 'wazuh-analysisd'}, {name: 'wazuh-db', shape: {children: 2}}], decoy: false});
	t.teardown(async () => fleet.stop());
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-follow-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const recorder = startCli(['analysisd', 'db', '--headless', '-s', '0.5', '--store-process', folder], scopeTo(fleet));
	t.teardown(() => {
		recorder.child.kill('SIGKILL');
	});
	const analysisdCsv = path.join(folder, 'wazuh-analysisd.csv');
	await waitFor(() => (rows(analysisdCsv) >= 6 && rows(path.join(folder, 'wazuh-db_child_2.csv')) >= 2 ? true : undefined), 90_000, 'the first rows');

	const screen = new PtyScreen(['replay', folder], {columns: 120, rows: 30});
	t.teardown(() => {
		screen.kill();
	});
	const opened = await screen.waitForScreen(lines => cursorOf(lines), 'the replay');
	t.is(opened.sample, 1, 'a replay opens at the first sample');
	const grown = await screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		return cursor && cursor.total >= opened.total + 4 ? cursor : undefined;
	}, 'the total growing with the recording');
	t.is(grown.sample, 1, 'the cursor stays where it is');

	screen.write('>');
	const following = await screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		return cursor?.live && cursor.sample === cursor.total ? cursor : undefined;
	}, '> following the newest tick');
	// Followed ticks, each whole: the daemons and both children of wazuh-db (in the tree: child_N) on every one.
	const roles = ['wazuh-analysisd', 'wazuh-db', 'child_1', 'child_2'];
	const seen = new Set<number>();
	// A screen read while a frame is still arriving (the pty delivers it in pieces) can lack rows for
	// a moment: a tick counts as shown without a role only when that screen stays for 5 polls
	// (half a second). A tick truly shown half would stay until the next one, a second later or more.
	let incomplete: {sample: number; missing: string; polls: number} | undefined;
	await screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		if (cursor?.live && cursor.sample === cursor.total) {
			const table = lines.slice(2).join('\n');
			const missing = roles.filter(role => !new RegExp(`(^|[^\\w-])${role}(?![\\w.-])`, 'm').test(table)).join(', ');
			if (missing === '') {
				incomplete = undefined;
				seen.add(cursor.sample);
			} else {
				incomplete = incomplete?.sample === cursor.sample && incomplete.missing === missing ? {...incomplete, polls: incomplete.polls + 1} : {sample: cursor.sample, missing, polls: 1};
				if (incomplete.polls >= 5) {
					throw new Error(`sample ${cursor.sample} shown without ${missing}:\n${lines.join('\n')}`);
				}
			}
		}

		return seen.size >= 5 && Math.max(...seen) >= following.sample + 5 ? true : undefined;
	}, 'five more ticks followed, each whole');

	screen.write(',');
	const held = await screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		return cursor && !cursor.live && cursor.recording ? cursor : undefined;
	}, 'a step back: no longer following, told the recording goes on');
	await screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		return cursor && cursor.total >= held.total + 3 ? true : undefined;
	}, 'the total still growing');
	t.is(cursorOf(await screen.screen())!.sample, held.sample, 'the cursor held');

	recorder.child.kill('SIGTERM');
	const {code} = await recorder.finished;
	t.is(code, 0);
	const final = rows(analysisdCsv);
	const ended = await screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		return cursor && !cursor.recording && !cursor.live ? cursor : undefined;
	}, 'the end of the recording told (no more "still recording")');
	screen.write('>');
	const last = await screen.waitForScreen(lines => {
		const cursor = cursorOf(lines);
		return cursor?.sample === cursor?.total && cursor?.total === final ? cursor : undefined;
	}, '> to the last tick, every row recorded shown');
	t.false(last.live);
	t.true(ended.total <= final);
	screen.write('q');
	const {exitCode} = await screen.exited;
	t.is(exitCode, 0);
});
