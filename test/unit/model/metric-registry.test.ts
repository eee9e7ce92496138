import test from 'ava';
import {processCsvHeader} from '../../../source/model/process-csv.js';
import {allProcessMetrics, csvMetrics, exportedMetrics, historyMetrics, type ProcessMetric, processMetrics, reportMetrics, summedMetrics} from '../../../source/model/process-metrics.js';
import type {HistorySeries} from '../../../source/model/history-store.js';
import {processSample} from '../../helpers/snapshots.js';

test('the CSV header comes from the registry: the original 15 columns in its order, then the speeds, then Threads', t => {
	t.deepEqual(processCsvHeader('KB'), [
		'Daemon', 'Version', 'Timestamp', 'PID', 'CPU(%)', 'VMS(KB)', 'RSS(KB)', 'USS(KB)', 'PSS(KB)', 'SWAP(KB)', 'FD',
		'Read_Ops', 'Write_Ops', 'Disk_Read(KB)', 'Disk_Written(KB)', 'Disk_Read_Speed(KB/s)', 'Disk_Write_Speed(KB/s)', 'Threads',
	]);
});

test('each consumer\'s list is drawn from the registry, and each registry key is a sample property', t => {
	const keys = new Set<string>(allProcessMetrics);
	for (const [name, list] of Object.entries({csvMetrics, exportedMetrics, historyMetrics, reportMetrics, summedMetrics})) {
		t.true(list.length > 0, name);
		t.deepEqual(list.filter(metric => !keys.has(metric)), [], name);
	}

	// Every metric reads the sample property of its own name (the accessor is the key).
	const sample = processSample({});
	for (const metric of allProcessMetrics) {
		t.true(metric in sample, metric);
	}

	t.deepEqual(reportMetrics, ['cpuPercent', 'rss', 'pss', 'uss', 'swap', 'vms', 'fd', 'threads'], 'the report\'s tables keep their order');
	t.false((summedMetrics as readonly string[]).includes('startTime'), 'a start time is not added up');
});

test('a metric the registry lacks does not type-check (npm test type-checks this file)', t => {
	// @ts-expect-error Not a registry key.
	const missing: ProcessMetric = 'cpu';
	// @ts-expect-error The history holds no VMS series.
	const notHeld: HistorySeries = 'vms';
	// @ts-expect-error A misspelt lookup.
	t.is(processMetrics.rssBytes, undefined);
	t.is(typeof missing, 'string');
	t.is(typeof notHeld, 'string');
});
