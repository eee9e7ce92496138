import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {pruneSessions} from '../../../source/recorder/retention.js';
import {user} from '../../helpers/harden.js';

/*
 * --retain on real folders: old and new session folders of ours, foreign ones, links, another
 * user's (as root), the running one. Ages come from the folder names and from mtimes set by hand,
 * so nothing waits.
 */

const dayMs = 86_400_000;
const now = new Date(2024, 5, 20, 12, 0, 0).getTime();
const daysAgo = (days: number): number => now - days * dayMs;
const dayName = (ms: number): string => {
	const date = new Date(ms);
	return `${String(date.getDate()).padStart(2, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${date.getFullYear()}`;
};

const sessionJson = JSON.stringify({tool: 'wazuh-metrics', toolVersion: '1.0.0', host: 'h'});

type Tree = {[name: string]: string | Tree | {link: string}};

/** Writes `tree` under `folder` (0700 folders, 0600 files), then sets every mtime to `mtimeMs`, deepest first. */
function write(folder: string, tree: Tree, mtimeMs: number): void {
	fs.mkdirSync(folder, {recursive: true, mode: 0o700});
	for (const [name, content] of Object.entries(tree)) {
		const entry = path.join(folder, name);
		if (typeof content === 'string') {
			fs.writeFileSync(entry, content, {mode: 0o600});
			fs.utimesSync(entry, mtimeMs / 1000, mtimeMs / 1000);
		} else if ('link' in content && typeof content.link === 'string') {
			fs.symlinkSync(content.link, entry);
		} else {
			write(entry, content, mtimeMs);
		}
	}

	fs.utimesSync(folder, mtimeMs / 1000, mtimeMs / 1000);
}

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-retain-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

/** Every path under `folder`, relative, sorted (links not followed). */
function listing(folder: string): string[] {
	return (fs.readdirSync(folder, {recursive: true}) as string[]).sort();
}

test('removes our old session folders and the day folders they leave empty; keeps new, foreign, linked, running and recently written ones', t => {
	const base = temporaryFolder(t);
	const root = path.join(base, 'state');
	const outside = path.join(base, 'outside');
	write(outside, {'precious.csv': 'keep me\n', inner: {'precious.csv': 'keep me too\n'}}, daysAgo(100));
	const oldDay = dayName(daysAgo(40));
	const oldEpoch = Math.floor(daysAgo(40) / 1000);
	const newDay = dayName(daysAgo(1));
	const newEpoch = Math.floor(daysAgo(1) / 1000);
	const old = daysAgo(40);
	const full = {'session.json': sessionJson, 'wazuh-analysisd.csv': 'a\n', 'wazuh-db_child_1.csv': 'b\n', files: {'archives_json.csv': 'c\n'}, stats: {'wazuh-analysisd.csv': 'd\n'}};
	write(path.join(root, oldDay, String(oldEpoch)), full, old);
	write(path.join(root, oldDay, `${oldEpoch}_2`), {'wazuh-remoted.csv': 'only CSVs, no session.json\n'}, old);
	write(path.join(root, oldDay, String(oldEpoch + 1)), {}, old);
	// Kept: not ours, or not to be touched.
	write(path.join(root, oldDay, String(oldEpoch + 2)), {'wazuh-remoted.csv': 'x\n', 'notes.txt': 'a file of the user\n'}, old);
	write(path.join(root, oldDay, String(oldEpoch + 3)), {'session.json': JSON.stringify({tool: 'something-else'}), 'a.csv': 'x\n'}, old);
	write(path.join(root, oldDay, String(oldEpoch + 4)), {'a.csv': {link: path.join(outside, 'precious.csv')}}, old);
	write(path.join(root, oldDay, String(oldEpoch + 5)), {files: {link: path.join(outside, 'inner')}}, old);
	write(path.join(root, oldDay, String(oldEpoch + 6)), {'a.csv': 'x\n', deeper: {'b.csv': 'x\n'}}, old);
	fs.symlinkSync(outside, path.join(root, oldDay, String(oldEpoch + 7)));
	write(path.join(root, oldDay, String(oldEpoch + 8)), {'a.csv': 'the running session\n'}, old);
	// Started long ago, still being written (another run's long session).
	write(path.join(root, oldDay, String(oldEpoch + 9)), {'session.json': sessionJson, 'a.csv': 'x\n'}, old);
	fs.utimesSync(path.join(root, oldDay, String(oldEpoch + 9), 'a.csv'), daysAgo(2) / 1000, daysAgo(2) / 1000);
	write(path.join(root, oldDay, 'not-an-epoch'), {'a.csv': 'x\n'}, old);
	fs.utimesSync(path.join(root, oldDay), old / 1000, old / 1000);
	// A day folder of ours emptied by the removal, one that is a link, and one not named like ours.
	const emptiedDay = dayName(daysAgo(50));
	write(path.join(root, emptiedDay, String(Math.floor(daysAgo(50) / 1000))), {'a.csv': 'x\n'}, daysAgo(50));
	fs.symlinkSync(path.join(outside), path.join(root, dayName(daysAgo(60))));
	write(path.join(root, 'backup'), {[String(oldEpoch)]: {'a.csv': 'x\n'}}, old);
	write(path.join(root, newDay, String(newEpoch)), full, daysAgo(1));
	const outsideBefore = listing(outside);

	const lines: string[] = [];
	const result = pruneSessions({root, days: 30, now, keep: path.join(root, oldDay, String(oldEpoch + 8)), log: (level, message) => lines.push(`${level} ${message}`)});

	t.deepEqual([...result.removed].sort(), [
		path.join(root, emptiedDay, String(Math.floor(daysAgo(50) / 1000))),
		path.join(root, oldDay, String(oldEpoch)),
		path.join(root, oldDay, String(oldEpoch + 1)),
		path.join(root, oldDay, `${oldEpoch}_2`),
	].sort());
	t.deepEqual(fs.readdirSync(path.join(root, oldDay)).sort(), [oldEpoch + 2, oldEpoch + 3, oldEpoch + 4, oldEpoch + 5, oldEpoch + 6, oldEpoch + 7, oldEpoch + 8, oldEpoch + 9, 'not-an-epoch'].map(String).sort());
	t.false(fs.existsSync(path.join(root, emptiedDay)), 'the day folder left empty is removed');
	t.true(fs.lstatSync(path.join(root, dayName(daysAgo(60)))).isSymbolicLink());
	t.deepEqual(listing(path.join(root, 'backup')), [String(oldEpoch), path.join(String(oldEpoch), 'a.csv')]);
	t.deepEqual(listing(path.join(root, newDay, String(newEpoch))), ['files', 'files/archives_json.csv', 'session.json', 'stats', 'stats/wazuh-analysisd.csv', 'wazuh-analysisd.csv', 'wazuh-db_child_1.csv'], 'a session younger than DAYS is kept');
	t.deepEqual(listing(outside), outsideBefore, 'nothing outside the state folder was touched');
	t.is(fs.readFileSync(path.join(outside, 'precious.csv'), 'utf8'), 'keep me\n');
	// Each removal is a log line; each folder kept for being foreign is said.
	t.is(lines.filter(line => line.startsWith('info --retain: removed ')).length, 5);
	t.true(lines.some(line => line.includes(`${oldEpoch + 2}: notes.txt is not a file of this tool`)));
	t.true(lines.some(line => line.includes(`${oldEpoch + 4}: a.csv is a symbolic link`)));
	t.true(lines.some(line => line.includes(`${oldEpoch + 5}: files is a symbolic link`)));
	t.is(result.kept.length, 6, lines.join('\n'));
});

test('another user\'s folders are never removed, nor one with a file of theirs inside (as root)', t => {
	const nobody = user('nobody');
	if (process.geteuid?.() !== 0 || nobody === undefined) {
		t.false(Boolean(process.env.CI), 'CI runs as root and must run this');
		t.log('not run here: needs root (to chown) and the user nobody');
		t.pass();
		return;
	}

	const root = path.join(temporaryFolder(t), 'state');
	const day = dayName(daysAgo(40));
	const epoch = Math.floor(daysAgo(40) / 1000);
	write(path.join(root, day, String(epoch)), {'a.csv': 'x\n'}, daysAgo(40));
	write(path.join(root, day, String(epoch + 1)), {'a.csv': 'x\n', 'b.csv': 'x\n'}, daysAgo(40));
	write(path.join(root, day, String(epoch + 2)), {'a.csv': 'x\n'}, daysAgo(40));
	fs.chownSync(path.join(root, day, String(epoch)), nobody.uid, nobody.gid);
	fs.lchownSync(path.join(root, day, String(epoch + 1), 'b.csv'), nobody.uid, nobody.gid);
	const lines: string[] = [];
	const result = pruneSessions({root, days: 30, now, log: (_level, message) => lines.push(message)});
	t.deepEqual(result.removed, [path.join(root, day, String(epoch + 2))]);
	t.deepEqual(fs.readdirSync(path.join(root, day)).sort(), [String(epoch), String(epoch + 1)]);
	t.true(lines.some(line => line.includes(`${epoch}: it is owned by uid ${nobody.uid}`)), lines.join('\n'));
	t.true(lines.some(line => line.includes(`${epoch + 1}: b.csv is not a file of this tool`)), lines.join('\n'));
});

test('a state root that is a symbolic link is not cleaned at all', t => {
	const base = temporaryFolder(t);
	const real = path.join(base, 'real');
	const day = dayName(daysAgo(40));
	write(path.join(real, day, String(Math.floor(daysAgo(40) / 1000))), {'a.csv': 'x\n'}, daysAgo(40));
	fs.symlinkSync(real, path.join(base, 'state'));
	const lines: string[] = [];
	const result = pruneSessions({root: path.join(base, 'state'), days: 30, now, log: (_level, message) => lines.push(message)});
	t.deepEqual(result.removed, []);
	t.is(listing(real).length, 3);
	t.regex(lines.join('\n'), /nothing removed: .*symbolic link/);
});
