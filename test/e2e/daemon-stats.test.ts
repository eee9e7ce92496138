import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {readCsv, startCli, waitFor} from '../helpers/cli.js';
import {PtyScreen} from '../helpers/pty.js';

/*
 * The daemons' own statistics end to end: the real CLI on the demo's simulated manager, whose
 * daemons answer getstats on real sockets (4.x) and the engine's HTTP dump (5.x). The figures
 * reach the recording in Wazuh QA's and monitor.py's formats, the exposition, and the screen.
 */

function tempFolder(t: ExecutionContext, prefix: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	return folder;
}

const readIfThere = (file: string): string | undefined => {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
};

/** `family{labels} value` of an exposition, as a number; undefined when absent. */
function sampleOf(text: string, series: string): number | undefined {
	const line = text.split('\n').find(each => each.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('4.x demo, headless: Wazuh QA\'s API files and the exposition carry the same growing counters', async t => {
	const folder = tempFolder(t, 'wm-stats-rec-');
	const textfile = tempFolder(t, 'wm-stats-prom-');
	const state = tempFolder(t, 'wm-stats-state-');
	const {child, finished} = startCli(['--demo', '--headless', '-s', '0.5', '--stats-interval', '1', '--store-process', folder, '--textfile', textfile], {hooks: {stateRoot: state}});
	t.teardown(() => {
		child.kill('SIGKILL');
	});
	const stats = path.join(folder, 'stats');
	const analysis = path.join(stats, 'wazuh-analysis_api_stats.csv');
	// Three rounds recorded, however long a busy machine takes.
	await waitFor(() => ((readIfThere(analysis)?.trim().split('\n').length ?? 0) >= 4 ? true : undefined), 90_000, 'three rounds of analysisd');
	const exposition = await waitFor(() => {
		const text = readIfThere(path.join(textfile, 'wazuh_metrics.prom'));
		return text?.includes('wazuh_metrics_daemon_events_received_total{daemon="wazuh-analysisd"}') ? text : undefined;
	}, 30_000, 'the daemon families in the textfile');
	child.kill('SIGTERM');
	const run = await finished;
	t.is(run.code, 0, run.stderr);

	const rows = readCsv(analysis).rows;
	t.true(rows.length >= 3);
	const received = rows.map(row => Number(row['Events received']));
	t.true(received.every((value, index) => index === 0 || value >= received[index - 1]!), `cumulative: ${received.join(' ')}`);
	t.true(received.at(-1)! > received[0]!, 'events keep coming');
	// The exposition's counter is one of the recorded values (the round it was made from).
	const exported = sampleOf(exposition, 'wazuh_metrics_daemon_events_received_total{daemon="wazuh-analysisd"}')!;
	t.true(received.includes(exported), `${exported} among ${received.join(' ')}`);
	t.is(sampleOf(exposition, 'wazuh_metrics_daemon_stats_up{daemon="wazuh-analysisd"}'), 1);
	t.regex(exposition, /wazuh_metrics_daemon_queue_usage_ratio\{daemon="wazuh-analysisd",queue="syscheck"\} [\d.e-]+\n/);
	t.regex(exposition, /wazuh_metrics_daemon_tcp_sessions\{daemon="wazuh-remoted"\} \d+\n/);
	t.regex(exposition, /wazuh_metrics_daemon_queries_total\{daemon="wazuh-db"\} \d+\n/);
	for (const file of ['wazuh-remote_api_stats.csv', 'wazuh-wazuhdb_api_stats.csv']) {
		t.true(readCsv(path.join(stats, file)).rows.length >= 1, file);
	}
});

test('5.x demo on screen: the LOAD column says each daemon\'s own figures, and analysisd\'s detail charts them', async t => {
	const folder = tempFolder(t, 'wm-stats-live-');
	const screen = new PtyScreen(['--demo=5', '-s', '0.5', '--stats-interval', '1', '--store-process', folder], {columns: 200, rows: 50});
	t.teardown(async () => {
		screen.kill('SIGTERM');
		await Promise.race([screen.exited, new Promise(resolve => {
			setTimeout(resolve, 3000);
		})]);
		screen.kill('SIGKILL');
	});
	const lines = await screen.waitForScreen(shown => {
		const analysisd = shown.find(line => line.startsWith('  wazuh-manager-analysisd '));
		const db = shown.find(line => line.startsWith('  wazuh-manager-db '));
		return analysisd?.includes(' ev/s') && db?.includes(' q/s') ? shown : undefined;
	}, 'the LOAD of analysisd and wazuh-db', 90_000);
	t.true(lines.some(line => line.includes('LOAD (daemon stats)')), lines.join('\n'));
	t.regex(lines.find(line => line.startsWith('  wazuh-manager-remoted '))!, / msg\/s \d+ tcp/);
	// Its row selected (the first), Enter: the detail view charts the load and the fullest queue
	// beside CPU and RSS. Whole frames only: its footer, the last line written, is on screen.
	screen.write('\r');
	const detail = await screen.waitForScreen(shown => (shown.some(line => line.startsWith('Esc back'))
		&& shown.some(line => line.includes('Load /s (daemon stats)')) ? shown : undefined), 'analysisd\'s detail with its load chart');
	t.true(detail.some(line => line.includes('Fullest queue %')), detail.join('\n'));
	t.true(detail.some(line => line.startsWith('RSS ')), detail.join('\n'));
	t.true(fs.existsSync(path.join(folder, 'stats', 'stats-api-analysisd.csv')), 'monitor.py\'s file of the engine');
});
