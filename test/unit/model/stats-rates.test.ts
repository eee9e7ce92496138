import test from 'ava';
import type {DaemonStats} from '../../../source/model/daemon-stats.js';
import {StatsAlerts} from '../../../source/model/stats-alerts.js';
import {StatsRates} from '../../../source/model/stats-rates.js';

const start = Date.UTC(2026, 0, 2, 3, 4, 5);

/** A reading of analysisd at `seconds` after `start` (the daemon's own time), counters given. */
function reading(seconds: number, values: DaemonStats['values'], extra: Partial<DaemonStats> = {}): DaemonStats {
	return {
		daemon: 'wazuh-analysisd', kind: 'analysisd', source: 'getstats', path: '/var/ossec/queue/sockets/analysis', up: true, problem: undefined,
		time: start + (seconds * 1000), started: start - 60_000, values, queues: {}, raw: {}, format: '4.14', ...extra,
	};
}

test('counters become rates over the daemon\'s own time; gauges stay as they are', t => {
	const rates = new StatsRates();
	const first = rates.add(reading(0, {eventsReceived: 1000, eventsDropped: 0, tcpSessions: 3}));
	t.deepEqual(first.values, {tcpSessions: 3}, 'no rate from one reading');
	// 5 s of the daemon's time, whenever this tool read it.
	const second = rates.add(reading(5, {eventsReceived: 61_000, eventsDropped: 200, tcpSessions: 4}));
	t.deepEqual(second.values, {eventsReceived: 12_000, eventsDropped: 40, tcpSessions: 4});
});

test('a counter that goes down, or a new start time, is a restart: a new baseline, never a negative rate', t => {
	const rates = new StatsRates();
	rates.add(reading(0, {eventsReceived: 1000}));
	rates.add(reading(5, {eventsReceived: 2000}));
	const reset = rates.add(reading(10, {eventsReceived: 50}));
	t.deepEqual(reset.values, {});
	t.deepEqual(rates.add(reading(15, {eventsReceived: 550})).values, {eventsReceived: 100});
	// Restarted between two reads, and already past the old count: the start time tells.
	const restarted = rates.add(reading(20, {eventsReceived: 5000}, {started: start + 17_000}));
	t.deepEqual(restarted.values, {});
	t.deepEqual(rates.add(reading(25, {eventsReceived: 5500}, {started: start + 17_000})).values, {eventsReceived: 100});
});

test('the same state file read twice changes nothing; a failed read is down with its reason, and the next success starts over from the last good one', t => {
	const rates = new StatsRates();
	rates.add(reading(0, {eventsReceived: 0}));
	const load = rates.add(reading(5, {eventsReceived: 500}));
	t.is(rates.add(reading(5, {eventsReceived: 500})), load);
	const down = rates.add({...reading(8, {}), up: false, problem: 'no answer within 1 s', time: undefined});
	t.false(down.up);
	t.is(down.problem, 'no answer within 1 s');
	t.deepEqual(rates.add(reading(10, {eventsReceived: 1500})).values, {eventsReceived: 200});
});

test('the fullest queue and ms per query', t => {
	const rates = new StatsRates();
	const load = rates.add(reading(0, {}, {queues: {syscheck: 0.93, alerts: 0.1}}));
	t.deepEqual(load.fullest, {name: 'syscheck', usage: 0.93});
	const db = new StatsRates();
	db.add(reading(0, {queries: 100, querySeconds: 1}, {daemon: 'wazuh-db', kind: 'wazuh-db'}));
	const msPerQuery = db.add(reading(10, {queries: 600, querySeconds: 1.4}, {daemon: 'wazuh-db', kind: 'wazuh-db'})).msPerQuery!;
	t.true(Math.abs(msPerQuery - 0.8) < 1e-12, String(msPerQuery));
});

test('alerts: a full queue, drops and a disconnected agent are said once per episode', t => {
	const rates = new StatsRates();
	const alerts = new StatsAlerts();
	rates.add(reading(0, {eventsDropped: 0}, {queues: {syscheck: 0.5}}));
	t.deepEqual(alerts.check([rates.add(reading(5, {eventsDropped: 0}, {queues: {syscheck: 0.5}}))]), []);
	t.deepEqual(alerts.check([rates.add(reading(10, {eventsDropped: 200}, {queues: {syscheck: 0.931}}))]), ['wazuh-analysisd: syscheck queue 93 % full', 'wazuh-analysisd: dropping 40 events/s']);
	t.deepEqual(alerts.check([rates.add(reading(15, {eventsDropped: 400}, {queues: {syscheck: 0.95}}))]), [], 'the same episodes go on');
	t.deepEqual(alerts.check([rates.add(reading(20, {eventsDropped: 400}, {queues: {syscheck: 0.2}}))]), [], 'both ended');
	t.deepEqual(alerts.check([rates.add(reading(25, {eventsDropped: 401}, {queues: {syscheck: 0.9}}))]), ['wazuh-analysisd: syscheck queue 90 % full', 'wazuh-analysisd: dropping 0.2 events/s']);
	const agent = new StatsRates();
	const disconnected = agent.add(reading(0, {agentConnected: 0}, {daemon: 'wazuh-agentd', kind: 'agentd'}));
	t.deepEqual(alerts.check([disconnected]), ['wazuh-agentd: the agent is not connected to its manager']);
});
