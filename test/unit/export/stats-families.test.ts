import {spawnSync} from 'node:child_process';
import test from 'ava';
import {renderExposition} from '../../../source/export/exposition.js';
import {collectFamilies} from '../../../source/export/families.js';
import type {DaemonStats, StatsSnapshot} from '../../../source/model/daemon-stats.js';
import {allStatsMetrics, statsMetrics} from '../../../source/model/stats-metrics.js';
import {processSample, snapshot} from '../../helpers/snapshots.js';

const info = {wazuhVersion: '4.14.1', layout: 'manager-4', hostRole: 'manager', toolVersion: '0.1.0'};

function daemon(name: string, kind: DaemonStats['kind'], values: DaemonStats['values'], queues: Record<string, number> = {}): DaemonStats {
	return {daemon: name, kind, source: 'getstats', path: `/var/ossec/queue/sockets/${kind}`, up: true, problem: undefined, time: 1_767_322_000_000, started: 1_767_320_000_000, values, queues, raw: {}, format: '4.14'};
}

const stats: StatsSnapshot = {
	round: 3,
	time: 1_767_322_000_500,
	daemons: [
		daemon('wazuh-analysisd', 'analysisd', {eventsReceived: 120_000, eventsProcessed: 119_000, eventsDropped: 40}, {syscheck: 0.93, alerts: 0.01}),
		daemon('wazuh-remoted', 'remoted', {messagesReceived: 5000, messagesDiscarded: 0, tcpSessions: 12}, {received: 0.002}),
		daemon('wazuh-db', 'wazuh-db', {queries: 7000, querySeconds: 3.25}),
		{...daemon('wazuh-manager-db', 'wazuh-db', {}), up: false, problem: 'no answer within 1 s', time: undefined},
	],
};

const text = renderExposition(collectFamilies({info, snapshot: snapshot([processSample({role: 'wazuh-analysisd'})]), disk: undefined, stats}), 'text');

test('daemon statistics: each registry figure a family labelled by the daemon\'s process name, counters as counted', t => {
	for (const metric of allStatsMetrics) {
		const spec = statsMetrics[metric].prometheus;
		const name = spec.type === 'counter' ? `${spec.family}_total` : spec.family;
		t.regex(name, /^wazuh_metrics_daemon_[a-z_]+$/, metric);
	}

	t.true(text.includes('wazuh_metrics_daemon_events_received_total{daemon="wazuh-analysisd"} 120000\n'));
	t.true(text.includes('wazuh_metrics_daemon_events_dropped_total{daemon="wazuh-analysisd"} 40\n'));
	t.true(text.includes('wazuh_metrics_daemon_tcp_sessions{daemon="wazuh-remoted"} 12\n'));
	t.true(text.includes('wazuh_metrics_daemon_queries_total{daemon="wazuh-db"} 7000\n'));
	t.true(text.includes('wazuh_metrics_daemon_query_seconds_total{daemon="wazuh-db"} 3.25\n'));
	t.true(text.includes('wazuh_metrics_daemon_queue_usage_ratio{daemon="wazuh-analysisd",queue="syscheck"} 0.93\n'));
	t.true(text.includes('wazuh_metrics_daemon_queue_usage_ratio{daemon="wazuh-remoted",queue="received"} 0.002\n'));
	t.true(text.includes('wazuh_metrics_daemon_stats_up{daemon="wazuh-db"} 1\n'));
	t.true(text.includes('wazuh_metrics_daemon_stats_up{daemon="wazuh-manager-db"} 0\n'));
	t.false(text.includes('daemon="wazuh-manager-db"} 0\nwazuh_metrics_daemon_queries'), 'a failed daemon has no figures');
	t.false(/wazuh-manager-db.*queries/.test(text));
});

test('the statistics exposition passes promtool when it is installed', t => {
	const lint = spawnSync('promtool', ['check', 'metrics'], {input: text, encoding: 'utf8'});
	if (lint.error !== undefined) {
		t.false(Boolean(process.env.CI), 'CI is set but promtool is missing: apt-get install prometheus');
		t.log('promtool: skipped (install with: apt-get install prometheus)');
		return;
	}

	t.is(lint.stdout + lint.stderr, '', 'promtool has nothing to say');
});
