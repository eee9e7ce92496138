import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {formatTimestamp} from '../../source/model/timestamp.js';
import {type CsvFile, type Finished, readCsv, sleep, startCli, waitFor} from '../helpers/cli.js';
import {procView, type User, user} from '../helpers/harden.js';

/*
 * --disk paths that misbehave while the CLI records them: one appears late, a big directory is
 * deleted while it is being walked, symlink loops, a subdirectory the CLI's user cannot read, a file
 * replaced by a directory. The CLI runs as `daemon` (as root every directory is readable); one
 * recording is shared by the assertions.
 */

type Context = {
	dir: string;
	as: User | undefined;
	paths: Record<string, string>;
	times: {created: number; removeStarted: number; removed: number; replaced: number};
	bigFiles: number;
	run: Finished;
	files: Map<string, CsvFile>;
};
const test = anyTest as TestFn<Context>;

const kb = (bytes: number): string => String(Math.round(bytes / 1024 * 1000) / 1000);
const sizes = (file: CsvFile | undefined): string[] => file?.rows.map(row => row['Size(KB)']!) ?? [];

test.before(async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-dpaths-'));
	fs.chmodSync(dir, 0o755);
	// Set now so the teardown removes the dir even when this hook fails.
	t.context = {dir} as Context;
	const as = user('daemon');
	const tree = path.join(dir, 'tree');
	const paths = {
		late: path.join(tree, 'late.log'),
		never: path.join(tree, 'never', 'there.log'),
		big: path.join(tree, 'big'),
		loop: path.join(tree, 'loop'),
		topLoop: path.join(tree, 'top-loop'),
		locked: path.join(tree, 'locked'),
		swap: path.join(tree, 'swap'),
	};

	// 40 x 500 files: a walk takes tens of ms, removing a folder of 500 files about as long.
	const bigFiles = 40 * 500;
	for (let folder = 0; folder < 40; folder++) {
		const sub = path.join(paths.big, `d${folder}`);
		fs.mkdirSync(sub, {recursive: true});
		for (let file = 0; file < 500; file++) {
			fs.writeFileSync(path.join(sub, `f${file}`), 'z');
		}
	}

	// A directory holding a symlink to itself, and a path that is a loop of two symlinks.
	fs.mkdirSync(paths.loop);
	fs.writeFileSync(path.join(paths.loop, 'data'), 'd'.repeat(700));
	fs.symlinkSync('.', path.join(paths.loop, 'self'));
	fs.symlinkSync(path.join(tree, 'top-loop-2'), paths.topLoop);
	fs.symlinkSync(paths.topLoop, path.join(tree, 'top-loop-2'));

	// 300 readable bytes, 5000 behind a directory only root may enter.
	fs.mkdirSync(path.join(paths.locked, 'secret'), {recursive: true});
	fs.writeFileSync(path.join(paths.locked, 'open'), 'o'.repeat(300));
	fs.writeFileSync(path.join(paths.locked, 'secret', 'hidden'), 'h'.repeat(5000));
	fs.chmodSync(path.join(paths.locked, 'secret'), 0o700);

	fs.writeFileSync(paths.swap, 's'.repeat(1000));

	const store = path.join(dir, 'store');
	// The CLI user's own folder: it refuses one that another user could change (safe-folder.ts).
	fs.mkdirSync(store, {mode: 0o700});
	if (as !== undefined) {
		fs.chownSync(store, as.uid, as.gid);
	}

	// No daemon is running in this view: the run is about the disk paths, which keep it going.
	const view = procView(path.join(dir, 'proc'), []);
	const {child, finished} = startCli(
		['maild', '--match-by-name', '--headless', '-s', '0.2', '-H', '1', '-r', '1000', '--disk-unit', 'KB', '--disk', ...Object.values(paths), '--store-process', store],
		{as, hooks: {procRoot: view, stateRoot: path.join(store, 'process_metrics')}},
	);
	const diskFolder = path.join(store, 'files');
	const csv = (name: string): string => path.join(diskFolder, `${name}.csv`);
	const rows = (name: string): number => fs.existsSync(csv(name)) ? fs.readFileSync(csv(name), 'utf8').split('\n').length - 2 : 0;
	const times = {created: 0, removeStarted: 0, removed: 0, replaced: 0};
	try {
		await waitFor(() => ['big', 'loop', 'locked', 'swap'].every(name => rows(name) >= 5) || undefined, 60_000, 'rows of the existing paths');

		times.created = Date.now();
		fs.writeFileSync(paths.late, 'l'.repeat(2000));

		// Folder by folder over a second or two: walks run throughout, some of them while a folder
		// they are listing disappears.
		times.removeStarted = Date.now();
		for (let folder = 0; folder < 40; folder++) {
			await fs.promises.rm(path.join(paths.big, `d${folder}`), {recursive: true});
			await sleep(20);
			if (folder === 19) {
				// Half way, the removal waits for a walk of what is left: a row taken during the removal,
				// however slow a busy machine makes the walks.
				await waitFor(() => {
					try {
						return sizes(readCsv(csv('big'))).some(value => value !== '' && Number(value) > 0 && Number(value) < Number(kb(bigFiles))) || undefined;
					} catch {
						return undefined;
					}
				}, 60_000, 'a row of the half-removed tree');
			}
		}

		await fs.promises.rm(paths.big, {recursive: true});
		times.removed = Date.now();

		fs.rmSync(paths.swap);
		fs.mkdirSync(paths.swap);
		fs.writeFileSync(path.join(paths.swap, 'inside'), 'i'.repeat(5000));
		fs.chmodSync(paths.swap, 0o755);
		times.replaced = Date.now();

		const replacedRows = rows('swap');
		await waitFor(() => rows('late_log') >= 5 && rows('swap') >= replacedRows + 8 || undefined, 60_000, 'rows after the changes');
		// Long enough after the removal that a row of the removed directory would show.
		await sleep(Math.max(0, times.removed + 2500 - Date.now()));
	} catch (error) {
		child.kill('SIGTERM');
		const run = await finished;
		const counts = Object.keys(paths).map(name => `${name}: ${rows(name === 'late' ? 'late_log' : name)}`).join(', ');
		throw new Error(`${String(error)} (rows ${counts}; stderr ${run.stderr})`);
	} finally {
		child.kill('SIGTERM');
	}

	const run = await finished;
	const files = new Map(fs.readdirSync(diskFolder).filter(name => name.endsWith('.csv')).map(name => [name.slice(0, -4), readCsv(path.join(diskFolder, name))]));
	Object.assign(t.context, {as, paths, times, bigFiles, run, files});
});

test.after.always(t => {
	fs.rmSync(t.context.dir, {recursive: true, force: true});
});

test('the CLI never crashes: SIGTERM ends it with 0, and the walker never failed', t => {
	const {run} = t.context;
	t.log(run.stderr.split('\n').filter(line => !/ down \(| rows -> /.test(line)).join('\n'));
	t.is(run.code, 0, run.stderr);
	t.notRegex(run.stderr, /disk tracker|crash|Error/);
	if (t.context.as === undefined) {
		t.log('no user "daemon": ran as root, so the locked directory was readable');
	}
});

test('paths that do not exist have no file, and a late one has no row before it appears', t => {
	const {files, times} = t.context;
	t.false(files.has('there_log'), 'a path that never existed');
	t.false(files.has('top-loop'), 'a symlink loop cannot be stat\'ed: it is reported as missing');
	const late = files.get('late_log');
	t.truthy(late);
	const created = formatTimestamp(times.created);
	t.true(late!.rows.every(row => row.Timestamp! >= created), `rows before ${created}: ${late!.rows.map(row => row.Timestamp).join(' ')}`);
	t.true(late!.rows.every(row => row['Size(KB)'] === kb(2000)));
});

test('a directory deleted mid-walk: sizes never exceed the whole, no row once it is gone', t => {
	const {files, times, bigFiles} = t.context;
	const {rows} = files.get('big')!;
	const values = sizes(files.get('big'));
	t.log(`big: ${values.join(' ')}`);
	t.true(values.every(value => value === '' || Number(value) <= Number(kb(bigFiles))), 'never more than the whole tree');
	t.true(values.filter(value => value !== '').length >= 3);
	// The removal spans several ticks: some rows show part of the tree, as much as was there.
	t.true(values.some(value => value !== '' && Number(value) > 0 && Number(value) < Number(kb(bigFiles))), 'a row taken during the removal');
	t.log(`removal took ${times.removed - times.removeStarted} ms`);
	const before = formatTimestamp(times.removeStarted - 1000);
	t.true(rows.filter(row => row.Timestamp! <= before).every(row => row['Size(KB)'] === '' || row['Size(KB)'] === kb(bigFiles)));
	// The second after the removal ended may still hold a tick that stat'ed the directory just before.
	const gone = formatTimestamp(times.removed + 1000, true);
	t.deepEqual(rows.filter(row => row.Timestamp! > gone).map(row => row.Timestamp), []);
});

test('a directory with a symlink to itself counts its files once', t => {
	const values = sizes(t.context.files.get('loop')).filter(value => value !== '');
	t.true(values.length >= 3);
	t.true(values.every(value => value === kb(700)), values.join(' '));
});

test('an unreadable subdirectory: the readable part is counted', t => {
	const values = sizes(t.context.files.get('locked')).filter(value => value !== '');
	t.true(values.length >= 3);
	const expected = t.context.as === undefined ? kb(5300) : kb(300);
	t.true(values.every(value => value === expected), `${values.join(' ')} instead of ${expected}`);
});

test('a file replaced by a directory: the file\'s size, then the directory\'s', t => {
	const {files, times} = t.context;
	const {rows} = files.get('swap')!;
	t.log(`swap: ${rows.map(row => `${row.Timestamp} ${row['Size(KB)']}`).join(', ')}`);
	// The file's size, no row while the new directory's first walk runs (as many ticks as a busy
	// machine makes it last), then its size: never the old file's size for the directory, never the
	// directory entry's own size.
	const sequence = rows.map(row => row['Size(KB)'] === kb(1000) ? 'F' : row['Size(KB)'] === '' ? '_' : row['Size(KB)'] === kb(5000) ? 'D' : '?').join('');
	t.regex(sequence, /^F{3,}_*D{3,}$/);
	// A tick that started after the replacement (milliseconds: ticks are 0.2 s apart) saw the directory.
	const replacing = formatTimestamp(times.replaced, true);
	t.true(rows.filter(row => row.Timestamp! > replacing).every(row => row['Size(KB)'] !== kb(1000)), 'the file\'s size after it was replaced');
});
