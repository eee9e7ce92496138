import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {parse} from 'csv-parse/sync';
import {stringify} from 'csv-stringify/sync';
import {CsvFile} from '../../../source/recorder/csv-file.js';
import {SafeFolder} from '../../../source/safe-fs/safe-folder.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const header = ['Name', 'Value'];

function temporaryFolder(t: ExecutionContext): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-csv-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

/** Parsed strictly: a half line or a repeated header shows up as a wrong record length or an extra row. */
function records(text: string): string[][] {
	return parse(text);
}

test('a new file gets the header once, then rows; reopening appends without a second header', t => {
	const file = path.join(temporaryFolder(t), 'a.csv');
	const first = new CsvFile(file, header);
	t.true(first.append([['a', 1]]));
	t.true(first.append([['b', 2], ['c', 3]]));
	t.is(first.rowsWritten, 3);
	first.close();

	const second = new CsvFile(file, header);
	t.true(second.append([['d', 4]]));
	second.close();
	t.deepEqual(records(fs.readFileSync(file, 'utf8')), [header, ['a', '1'], ['b', '2'], ['c', '3'], ['d', '4']]);
});

test('an existing empty file gets the header', t => {
	const file = path.join(temporaryFolder(t), 'empty.csv');
	fs.writeFileSync(file, '');
	const csv = new CsvFile(file, header);
	csv.append([['a', 1]]);
	csv.close();
	t.is(fs.readFileSync(file, 'utf8'), 'Name,Value\na,1\n');
});

test('rows reach the OS at each append, before close', t => {
	const file = path.join(temporaryFolder(t), 'live.csv');
	const csv = new CsvFile(file, header);
	csv.append([['a', 1]]);
	t.is(fs.readFileSync(file, 'utf8'), 'Name,Value\na,1\n');
	csv.append([['b', 2]]);
	t.is(fs.readFileSync(file, 'utf8'), 'Name,Value\na,1\nb,2\n');
	csv.close();
});

test('commas, quotes, newlines and unicode survive a real CSV reader', t => {
	const file = path.join(temporaryFolder(t), 'q.csv');
	const values = ['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'ünïcødé ✓ 日本', ' spaced ', ''];
	const csv = new CsvFile(file, header);
	csv.append(values.map((value, index) => [value, index]));
	csv.close();
	const parsed = records(fs.readFileSync(file, 'utf8'));
	t.deepEqual(parsed.slice(1).map(record => record[0]), values);
});

test('every line is byte for byte what csv-stringify writes, for plain rows and quoted ones', t => {
	// The file formats plain rows itself (the common case, measured cheaper) and leaves the rest to
	// the library; the two paths must not be told apart in the file.
	const file = path.join(temporaryFolder(t), 'same.csv');
	const numbers = [4.8, 1234, 0, -0, -1.5, 1e21, 0.000_001, Number.NaN];
	// Each odd value alone in an otherwise plain row: the choice of path is made per row.
	const strings = ['', ' spaced ', '#hash', '=1+2', '-7', 'tab\there', 'semi;colon', 'ünïcødé ✓', 'back\\slash', "it's",
		'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'lone\rcr', '"', ',', '\n'];
	const rows = [['wazuh-db', ...numbers], ...strings.map(value => ['wazuh-db_child_1', value, 1])];
	const csv = new CsvFile(file, header);
	csv.append(rows);
	csv.close();
	t.is(fs.readFileSync(file, 'utf8'), stringify([header, ...rows]));
});

test('with CRLF line endings (Python\'s csv module), every record ends in CRLF, a lone CR or LF is still quoted, and a reader gets the values back', t => {
	const file = path.join(temporaryFolder(t), 'crlf.csv');
	const strings = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'lone\rcr', '{"json":[1,2]}'];
	const rows = strings.map((value, index) => [value, index]);
	const first = new CsvFile(file, header, {lineEnding: '\r\n'});
	first.append(rows.slice(0, 3));
	first.close();
	// A second writer finds the CRLF header its own and appends without repeating it.
	const second = new CsvFile(file, header, {lineEnding: '\r\n'});
	second.append(rows.slice(3));
	second.close();
	const text = fs.readFileSync(file, 'utf8');
	t.is(text, stringify([header, ...rows], {record_delimiter: 'windows', quote_record_delimiter: true}));
	t.true(text.startsWith('Name,Value\r\nplain,0\r\n"a,b",1\r\n'));
	t.true(text.includes('"lone\rcr",4\r\n'));
	t.deepEqual(records(text).slice(1).map(record => record[0]), strings);
});

test('the folder is created with the first file', t => {
	const file = path.join(temporaryFolder(t), 'new', 'deeper', 'a.csv');
	const csv = new CsvFile(file, header);
	t.false(fs.existsSync(path.dirname(file)));
	csv.append([['a', 1]]);
	csv.close();
	t.is(fs.readFileSync(file, 'utf8'), 'Name,Value\na,1\n');
});

test('on /dev/full (ENOSPC) rows wait in memory and land in order once writes work again', t => {
	const file = path.join(temporaryFolder(t), 'full.csv');
	let full = true;
	const csv = new CsvFile(file, header, {openFile: target => fs.openSync(full ? '/dev/full' : target, 'a')});

	for (const name of ['a', 'b', 'c']) {
		t.false(csv.append([[name, 1]]));
	}

	t.is(csv.lastError, 'no space left on device (ENOSPC)');
	t.is(csv.pendingRows, 3);
	t.is(csv.rowsWritten, 0);
	t.is(csv.lostRows, 0);
	t.false(fs.existsSync(file));
	// A retry without new rows still fails while the disk is full.
	t.false(csv.flush());

	full = false;
	t.true(csv.append([['d', 4]]));
	t.is(csv.lastError, undefined);
	t.is(csv.pendingRows, 0);
	t.is(csv.rowsWritten, 4);
	csv.close();
	t.deepEqual(records(fs.readFileSync(file, 'utf8')), [header, ['a', '1'], ['b', '1'], ['c', '1'], ['d', '4']]);
});

test('the memory buffer is bounded: the oldest rows are dropped and counted', t => {
	const file = path.join(temporaryFolder(t), 'bounded.csv');
	let full = true;
	const csv = new CsvFile(file, header, {maxPendingRows: 3, openFile: target => fs.openSync(full ? '/dev/full' : target, 'a')});
	for (let index = 1; index <= 8; index++) {
		csv.append([[`row${index}`, index]]);
	}

	t.is(csv.pendingRows, 3);
	t.is(csv.lostRows, 5);
	full = false;
	t.true(csv.flush());
	csv.close();
	t.deepEqual(records(fs.readFileSync(file, 'utf8')), [header, ['row6', '6'], ['row7', '7'], ['row8', '8']]);
	t.is(csv.lostRows, 5);
});

test('rows that still cannot be written at close are counted as lost', t => {
	const csv = new CsvFile(path.join(temporaryFolder(t), 'x.csv'), header, {openFile: () => fs.openSync('/dev/full', 'a')});
	csv.append([['a', 1], ['b', 2]]);
	csv.close();
	t.is(csv.pendingRows, 0);
	t.is(csv.lostRows, 2);
	t.throws(() => csv.append([['c', 3]]), {message: /closed/});
});

test('a short write to a pipe (cannot be truncated) finishes the cut line first on the next attempt', t => {
	const folder = temporaryFolder(t);
	const fifo = path.join(folder, 'pipe');
	execFileSync('mkfifo', [fifo]);
	const {O_RDONLY, O_WRONLY, O_NONBLOCK} = fs.constants;
	const reader = fs.openSync(fifo, O_RDONLY | O_NONBLOCK);
	t.teardown(() => {
		fs.closeSync(reader);
	});
	const csv = new CsvFile(fifo, header, {openFile: target => fs.openSync(target, O_WRONLY | O_NONBLOCK)});
	const drain = (): string => {
		const buffer = Buffer.alloc(1024 * 1024);
		let text = '';
		for (;;) {
			try {
				const read = fs.readSync(reader, buffer);
				if (read === 0) {
					return text;
				}

				text += buffer.subarray(0, read).toString('latin1');
			} catch {
				return text; // EAGAIN: empty for now.
			}
		}
	};

	// About 150 KB: more than a pipe holds (64 KiB), so the kernel takes part of a line and then says EAGAIN.
	const rows = Array.from({length: 150}, (_, index) => [`row ${index} ${'x'.repeat(1000)}`, index]);
	t.false(csv.append(rows));
	t.is(csv.lastError, 'resource temporarily unavailable (EAGAIN)');
	let received = drain();
	t.false(received.endsWith('\n'), 'the pipe holds a cut line, so this exercised the remainder path');

	for (let attempt = 0; attempt < 10 && !csv.flush(); attempt++) {
		received += drain();
	}

	received += drain();
	t.is(csv.pendingRows, 0);
	t.is(csv.rowsWritten, 150);
	const parsed = records(Buffer.from(received, 'latin1').toString('utf8'));
	t.deepEqual(parsed, [header, ...rows.map(row => row.map(String))]);
	csv.close();
});

test('a file ending in a half line (a crash) is cut back to its last complete record before appending', t => {
	const file = path.join(temporaryFolder(t), 'crashed.csv');
	// The half line opens a quoted field holding a newline: only quote parity finds the real record end.
	fs.writeFileSync(file, 'Name,Value\na,1\nb,"two\nli');
	const csv = new CsvFile(file, header);
	t.true(csv.append([['c', 3]]));
	csv.close();
	t.is(fs.readFileSync(file, 'utf8'), 'Name,Value\na,1\nc,3\n');
});

test('a file cut inside its header is rewritten from scratch', t => {
	const file = path.join(temporaryFolder(t), 'cut-header.csv');
	fs.writeFileSync(file, 'Name,Va');
	const csv = new CsvFile(file, header);
	csv.append([['a', 1]]);
	csv.close();
	t.is(fs.readFileSync(file, 'utf8'), 'Name,Value\na,1\n');
});

test('a real short write at the file size limit never leaves a half line in the file', t => {
	const folder = temporaryFolder(t);
	const file = path.join(folder, 'limited.csv');
	const script = path.join(folder, 'writer.mjs');
	const module = path.join(repository, 'source/recorder/csv-file.ts');
	// Runs under `ulimit -f 4` (4096 bytes): the write that crosses the limit is cut short by the
	// kernel, the next one fails with EFBIG. After every tick the file must end at a line boundary.
	fs.writeFileSync(script, `
		import fs from 'node:fs';
		const {CsvFile} = await import(${JSON.stringify(module)});
		const csv = new CsvFile(${JSON.stringify(file)}, ['Name', 'Value']);
		const ticks = [];
		for (let index = 0; index < 120; index++) {
			const ok = csv.append([['row ' + index + ' ' + 'y'.repeat(40), index]]);
			const text = fs.readFileSync(${JSON.stringify(file)}, 'utf8');
			ticks.push({ok, clean: text.endsWith('\\n'), size: text.length, pending: csv.pendingRows, written: csv.rowsWritten, error: csv.lastError});
		}
		process.stdout.write(JSON.stringify(ticks));
	`);
	const child = spawnSync('bash', ['-c', 'ulimit -f 4 && exec "$0" --import tsx "$1"', process.execPath, script], {
		cwd: repository,
		encoding: 'utf8',
	});
	t.is(child.status, 0, child.stderr);
	const ticks = JSON.parse(child.stdout) as Array<{ok: boolean; clean: boolean; size: number; pending: number; written: number; error?: string}>;
	const firstFailure = ticks.findIndex(tick => !tick.ok);
	t.true(firstFailure > 10, 'rows were written until the limit');
	t.true(ticks.every(tick => tick.clean), 'the file ended at a line boundary after every tick');
	t.true(ticks.every(tick => tick.size <= 4096));
	const last = ticks.at(-1)!;
	t.is(last.error, 'file too large (EFBIG)');
	t.is(last.written + last.pending, 120);

	const parsed = records(fs.readFileSync(file, 'utf8'));
	t.is(parsed.length, 1 + last.written);
	t.deepEqual(parsed.at(-1), [`row ${last.written - 1} ${'y'.repeat(40)}`, String(last.written - 1)]);

	// Without the limit the next run appends to it: no second header, no glued lines.
	const csv = new CsvFile(file, header);
	t.true(csv.append([['after', 1]]));
	csv.close();
	const after = records(fs.readFileSync(file, 'utf8'));
	t.is(after.length, parsed.length + 1);
	t.deepEqual(after.at(-1), ['after', '1']);
});

test('a CSV deleted while open is created again through every check: a hard link put in its place is refused, never truncated', t => {
	const folder = temporaryFolder(t);
	const file = path.join(folder, 'a.csv');
	const csv = new CsvFile(file, header);
	t.true(csv.append([['a', 1]]));
	// Deleted (link count 0), and another file linked in its place, ending in a half line.
	const other = path.join(folder, 'other');
	fs.writeFileSync(other, 'Name,Value\nkept,1\nhalf');
	fs.unlinkSync(file);
	fs.linkSync(other, file);
	t.false(csv.append([['b', 2]]));
	t.regex(csv.lastError!, /other hard links/);
	t.is(fs.readFileSync(other, 'utf8'), 'Name,Value\nkept,1\nhalf');
	t.is(csv.pendingRows, 1);
	// Once the link is gone the rows land in a new file of ours, header first.
	fs.unlinkSync(file);
	t.true(csv.flush());
	csv.close();
	t.is(fs.readFileSync(file, 'utf8'), 'Name,Value\nb,2\n');
	t.is(fs.statSync(file).mode & 0o777, 0o600);
});

test('a file with other columns found at a reopen is refused, not appended to', t => {
	const folder = temporaryFolder(t);
	const file = path.join(folder, 'a.csv');
	const csv = new CsvFile(file, header);
	t.true(csv.append([['a', 1]]));
	fs.unlinkSync(file);
	fs.writeFileSync(file, 'Other,Columns\nx,y\n');
	t.false(csv.append([['b', 2]]));
	t.regex(csv.lastError!, /other columns/);
	csv.close();
	t.is(fs.readFileSync(file, 'utf8'), 'Other,Columns\nx,y\n');
});

test('a folder swapped while recording is refused: the rows wait, nothing is written to the new folder', t => {
	const base = temporaryFolder(t);
	const folder = path.join(base, 'session');
	// Shared by the files of the folder, as the Recorder does: it pins the folder at its first check.
	const safeFolder = new SafeFolder(folder);
	const csv = new CsvFile(path.join(folder, 'a.csv'), header, {folder: safeFolder});
	t.true(csv.append([['a', 1]]));
	fs.renameSync(folder, `${folder}.moved`);
	fs.mkdirSync(folder, {mode: 0o700});
	// A new child appears: its file is opened by path in the swapped folder.
	const late = new CsvFile(path.join(folder, 'late.csv'), header, {folder: safeFolder});
	t.false(late.append([['late', 1]]));
	t.regex(late.lastError!, /replaced by another folder/);
	t.deepEqual(fs.readdirSync(folder), []);
	late.close();
	csv.close();
});

test('a symlink or a FIFO in place of the CSV is refused at once, without blocking', t => {
	const folder = temporaryFolder(t);
	const target = path.join(folder, 'target');
	fs.writeFileSync(target, '');
	fs.symlinkSync(target, path.join(folder, 'link.csv'));
	t.is(spawnSync('mkfifo', [path.join(folder, 'fifo.csv')]).status, 0);
	for (const [name, reason] of [['link.csv', /symbolic link/], ['fifo.csv', /not a regular file/]] as const) {
		const csv = new CsvFile(path.join(folder, name), header);
		t.false(csv.append([['a', 1]]), name);
		t.regex(csv.lastError!, reason, name);
		csv.close();
	}

	t.is(fs.readFileSync(target, 'utf8'), '');
});
