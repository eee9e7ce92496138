import test from 'ava';
import {diskCsvHeader, diskCsvRow, diskFieldByKey, diskFields} from '../../../source/model/disk-fields.js';
import {formatTimestamp} from '../../../source/model/timestamp.js';
import {diskSample} from '../../helpers/snapshots.js';

test('disk header follows --disk-unit', t => {
	t.is(diskCsvHeader('GB').join(','), 'File,Timestamp,Path,Size(GB),Usage(%),Mod_time,Acc_time,Creat_time');
	t.is(diskCsvHeader('KB').join(','), 'File,Timestamp,Path,Size(KB),Usage(%),Mod_time,Acc_time,Creat_time');
	t.is(diskCsvHeader('TB')[3], 'Size(TB)');
	t.is(diskCsvHeader('MB')[3], 'Size(MB)');
});

test('size is converted 1024-based and rounded to 3 decimals; usage keeps 4 decimals', t => {
	const sample = diskSample({path: '/var/ossec/logs/archives/archives.json', size: 1.5 * 1024 ** 3, usagePercent: 0.012_345_6});
	const row = diskCsvRow(sample, '2024/01/02 03:04:05', 'GB');
	t.deepEqual(row.slice(0, 5), ['archives.json', '2024/01/02 03:04:05', '/var/ossec/logs/archives/archives.json', 1.5, 0.0123]);
	t.is(diskCsvRow(sample, 'x', 'MB')[3], 1536);
	t.is(diskCsvRow(sample, 'x', 'KB')[3], 1_572_864);
	// 1.5 GiB = 0.00146 TiB.
	t.is(diskCsvRow(sample, 'x', 'TB')[3], 0.001);
	// 1 MiB on a 50 GiB disk: 0.00195%; two decimals would say 0.
	t.is(diskCsvRow(diskSample({path: '/a', usagePercent: (100 * 1024 ** 2) / (50 * 1024 ** 3)}), 'x', 'GB')[4], 0.002);
});

test('times are written like the Timestamp column, in local time', t => {
	const mtime = new Date(2024, 5, 7, 8, 9, 10).getTime();
	const row = diskCsvRow(diskSample({path: '/a', mtime, atime: mtime + 1000, ctime: mtime + 2000}), 'x', 'GB');
	t.deepEqual(row.slice(5), ['2024/06/07 08:09:10', '2024/06/07 08:09:11', '2024/06/07 08:09:12']);
	t.is(row[5], formatTimestamp(mtime));
});

test('unknown values are empty cells', t => {
	const row = diskCsvRow(diskSample({path: '/a', size: undefined, usagePercent: Number.NaN, mtime: undefined, atime: undefined, ctime: undefined}), 'x', 'GB');
	t.deepEqual(row, ['a', 'x', '/a', '', '', '', '', '']);
});

test('the registry names every column once and answers by key', t => {
	t.is(new Set(diskFields.map(field => field.key)).size, diskFields.length);
	t.is(diskFieldByKey('size').name, 'Size');
	// @ts-expect-error A key the registry lacks does not type-check (npm test type-checks the tests).
	t.is(diskFieldByKey('nope'), undefined);
});
