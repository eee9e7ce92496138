import test from 'ava';
import {processCsvHeader, processCsvRow} from '../../../source/model/process-csv.js';
import {processSample} from '../../helpers/snapshots.js';

const context = {wazuhVersion: '4.9.0', timestamp: '2026/01/02 03:04:05', unit: 'KB' as const};

test('header follows the unit', t => {
	t.deepEqual(processCsvHeader('MB').slice(4, 7), ['CPU(%)', 'VMS(MB)', 'RSS(MB)']);
	t.deepEqual(processCsvHeader('B').slice(-3), ['Disk_Read_Speed(B/s)', 'Disk_Write_Speed(B/s)', 'Threads']);
});

test('bytes converted and rounded to 2 decimals; counts kept whole', t => {
	const row = processCsvRow(processSample({rss: 1536, cpuPercent: 33.336, fd: 7, diskWriteSpeed: 1000}), context);
	t.is(row[6], 1.5);
	t.is(row[4], 33.34);
	t.is(row[10], 7);
	t.is(row[16], 0.98);
});

test('unreadable and non-finite values are empty cells, never NaN', t => {
	const row = processCsvRow(processSample({uss: undefined, cpuPercent: Number.NaN, diskReadSpeed: Number.POSITIVE_INFINITY}), context);
	t.is(row[7], '');
	t.is(row[4], '');
	t.is(row[15], '');
	t.false(row.map(String).includes('NaN'));
});
