import test from 'ava';
import {numberBytes, numberCell, splitCsvLine} from '../../../source/reader/csv-lines.js';
import {toolProcessPlan} from '../../../source/reader/parse-tool-csv.js';
import {ProcessColumns} from '../../../source/reader/process-columns.js';
import {ProcessRowReader} from '../../../source/reader/process-rows.js';
import {recordedMetrics} from '../../../source/reader/recording.js';
import {TimestampParser} from '../../../source/reader/timestamps.js';
import {seededRandom} from '../../helpers/random.js';
import {sampleAt} from '../../helpers/recorded.js';

/* The in-place cell reader gives what splitting the line and Number() give, on seeded random rows. */

test('numberBytes equals Number() on what the writers write (2-decimal floats, integers, negatives, empty, odd cells)', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const cells: string[] = ['', '0', '-0', '0.0', '12', '-3.5', '1e5', 'nan', '1.2.3', '-', '.5', '7.', '123456789012345678', '0.1234567891'];
	for (let index = 0; index < 20_000; index++) {
		const magnitude = 10 ** random.int(12);
		const value = (random.next() - 0.3) * magnitude;
		cells.push(value.toFixed(random.int(4)), String(Math.round(value)), String(Math.round(value * 100) / 100));
	}

	for (const cell of cells) {
		const bytes = Buffer.from(`x,${cell},y`);
		t.is(numberBytes(bytes, 2, 2 + cell.length), numberCell(cell) ?? Number.NaN, `cell "${cell}"`);
	}
});

test('the row reader reads what splitting each line and Number() read: \\r\\n, quotes, short rows, empty cells, bad rows', t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const header = 'Daemon,Version,Timestamp,PID,CPU(%),VMS(KB),RSS(KB),USS(KB),PSS(KB),SWAP(KB),FD,Read_Ops,Write_Ops,Disk_Read(KB),Disk_Written(KB),Disk_Read_Speed(KB/s),Disk_Write_Speed(KB/s),Threads'.split(',');
	const start = new Date(2026, 2, 29, 1, 58, 0).getTime();
	const lines: string[] = [];
	for (let index = 0; index < 3000; index++) {
		const stamp = new Date(start + (index * 250) + random.int(3));
		const pad = (value: number, width = 2) => String(value).padStart(width, '0');
		const time = `${stamp.getFullYear()}/${pad(stamp.getMonth() + 1)}/${pad(stamp.getDate())} ${pad(stamp.getHours())}:${pad(stamp.getMinutes())}:${pad(stamp.getSeconds())}.${pad(stamp.getMilliseconds(), 3)}`;
		const cells = ['wazuh-db', '4.9.0', time, String(100 + random.int(3))];
		for (let column = 4; column < header.length; column++) {
			const kind = random.int(20);
			cells.push(kind === 0 ? '' : (kind === 1 ? String(random.int(1000)) : (random.next() * 10 ** random.int(9)).toFixed(2)));
		}

		const roll = random.int(40);
		if (roll === 0) {
			lines.push('');
		} else if (roll === 1) {
			lines.push(cells.slice(0, 8).join(','));
		} else if (roll === 2) {
			lines.push(`"wazuh-db","4.9.0","${time}",${cells.slice(3).map(cell => `"${cell}"`).join(',')}`);
		} else if (roll === 3) {
			lines.push(`wazuh-db,4.9.0,yesterday,${cells.slice(3).join(',')}`);
		} else {
			lines.push(cells.join(','));
		}
	}

	const text = `${lines.map(line => `${line}${random.int(2) === 0 ? '\r\n' : '\n'}`).join('')}`;
	const reader = new ProcessRowReader(toolProcessPlan(header), new ProcessColumns(4));
	reader.read(Buffer.from(text), 0, Buffer.byteLength(text));
	// What the simple way reads: split each line, parse each cell with Number(), the timestamp as a string.
	const timestamps = new TimestampParser(false);
	const expected: Array<Record<string, number | undefined>> = [];
	let bad = 0;
	const factors: Record<string, number> = {'CPU(%)': 1, FD: 1, Read_Ops: 1, Write_Ops: 1, Threads: 1};
	const metricOf: Record<string, string> = {
		'CPU(%)': 'cpuPercent', 'VMS(KB)': 'vms', 'RSS(KB)': 'rss', 'USS(KB)': 'uss', 'PSS(KB)': 'pss', 'SWAP(KB)': 'swap', FD: 'fd', Read_Ops: 'readOps', Write_Ops: 'writeOps',
		'Disk_Read(KB)': 'diskRead', 'Disk_Written(KB)': 'diskWritten', 'Disk_Read_Speed(KB/s)': 'diskReadSpeed', 'Disk_Write_Speed(KB/s)': 'diskWriteSpeed', Threads: 'threads',
	};
	for (const line of lines) {
		const cells = splitCsvLine(line);
		const time = timestamps.parse(cells[2] ?? '');
		const pid = numberCell(cells[3]);
		if (line === '' || time === undefined || pid === undefined) {
			bad++;
			continue;
		}

		const row: Record<string, number | undefined> = {time, pid};
		for (const [column, name] of header.entries()) {
			const metric = metricOf[name];
			if (metric !== undefined) {
				const value = numberCell(cells[column]);
				row[metric] = value === undefined ? undefined : value * (factors[name] ?? 1024);
			}
		}

		expected.push(row);
	}

	t.is(reader.badRows, bad);
	t.is(reader.role, 'wazuh-db');
	t.is(reader.version, '4.9.0');
	t.is(reader.columns.length, expected.length);
	const actual = Array.from({length: reader.columns.length}, (_, index) => sampleAt(reader.columns.view('wazuh-db', 'wazuh-db', 0, []), index));
	for (const [index, row] of expected.entries()) {
		const got: Record<string, number | undefined> = {...actual[index]};
		for (const metric of recordedMetrics) {
			row[metric] ??= undefined;
		}

		t.deepEqual(got, row, `row ${index}`);
	}
});
