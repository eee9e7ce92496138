import test from 'ava';
import {IntervalSums} from '../../../source/collect/stats/interval-sums.js';
import {NotJsonError, StatsFormatError} from '../../../source/collect/stats/parsed-stats.js';
import {parseAgentdState, parseAnalysisdState, parseLogcollectorState, parseRemotedState, parseStateFields, perIntervalFormat} from '../../../source/collect/stats/state-files.js';
import {analysisdState} from '../../helpers/stats-analysisd.js';
import {agentdState, logcollectorState} from '../../helpers/stats-agent.js';
import {remotedState} from '../../helpers/stats-remoted.js';

/* The 4.x state files of each shape, normalised; their time is the file's modification time. */

const mtime = 1_754_553_601_234.5;

test('key=value lines: comments and blanks skipped, numbers as numbers, empty values kept as strings', t => {
	t.deepEqual(parseStateFields('# x=\'1\'\n\na=\'12\'\nb=\'0.25\'\nc=\'\'\nd=\'connected\'\nbroken=\'7\nlast=\'-3\''), {a: 12, b: 0.25, c: '', d: 'connected', last: -3});
});

test('analysisd 4.14: cumulative counters, each queue under its getstats name', t => {
	const usage = {syscheck: 0.5, eventchannel: 0.25, others: 0.75, processed: 0.1, stats: 0.01};
	const parsed = parseAnalysisdState(analysisdState('4.14', {received: 1_026_450, processed: 1_026_293, dropped: 37, usage}), mtime);
	t.deepEqual(parsed.values, {eventsReceived: 1_026_450, eventsProcessed: 1_026_293, eventsDropped: 37});
	t.is(Object.keys(parsed.queues).length, 14, 'the file has no fts queue');
	for (const [name, fill] of Object.entries(usage)) {
		t.is(parsed.queues[name], fill, name);
	}

	t.is(parsed.raw.winevt_queue_usage, 0.25);
	t.is(parsed.format, 'state-4.4');
	t.is(parsed.time, mtime);
	t.is(parsed.started, undefined);
});

test('analysisd 4.3: recognised as per-interval counts, which IntervalSums makes cumulative over new files only', t => {
	const file = (received: number): string => analysisdState('4.3', {received, processed: received - 4, dropped: 1});
	const first = parseAnalysisdState(file(5120), 1000);
	t.is(first.format, perIntervalFormat);
	t.is(first.raw.events_edps, Math.floor(5116 / 5));
	const sums = new IntervalSums();
	t.is(sums.add(first).values.eventsReceived, 5120);
	// The same file read again (same mtime) adds nothing; a new one adds its interval.
	t.is(sums.add(parseAnalysisdState(file(5120), 1000)).values.eventsReceived, 5120);
	const third = sums.add(parseAnalysisdState(file(4000), 6000));
	t.deepEqual(third.values, {eventsReceived: 9120, eventsProcessed: 9112, eventsDropped: 2});
	t.is(third.raw.events_received, 4000, 'raw keeps the file\'s own figure');
});

for (const [version, format] of [['4.0', 'state-4.0'], ['4.3', 'state-4.3'], ['4.14', 'state-4.13']] as const) {
	test(`remoted ${version}: events, discards, sessions, queue_size of total_queue_size`, t => {
		const parsed = parseRemotedState(remotedState(version, {events: 1_030_212, discarded: 9, tcpSessions: 100, queued: 12, queueSize: 131_072}), mtime);
		t.deepEqual(parsed.values, {messagesReceived: 1_030_212, messagesDiscarded: 9, tcpSessions: 100});
		t.deepEqual(parsed.queues, {received: 12 / 131_072});
		t.is(parsed.format, format);
	});
}

test('remoted 4.4-4.12: the shape without the control queue', t => {
	const text = remotedState('4.14', {events: 1, discarded: 0, tcpSessions: 1, queued: 0, queueSize: 131_072}).replace(/# Control messages queue[^]*$/, '');
	t.is(parseRemotedState(text, mtime).format, 'state-4.4');
});

test('agentd: connected is 1, anything else 0; messages sent; buffered, empty when the buffer is off', t => {
	t.deepEqual(parseAgentdState(agentdState('4.2', {status: 'connected', sent: 182_551, buffered: 7}), mtime).values, {agentConnected: 1, agentMessagesSent: 182_551, agentBuffered: 7});
	const off = parseAgentdState(agentdState('4.2', {status: 'disconnected', sent: 10}), mtime);
	t.deepEqual(off.values, {agentConnected: 0, agentMessagesSent: 10});
	t.is(off.raw.msg_buffer, '');
	t.is(off.format, 'state-4.2');
	const old = parseAgentdState(agentdState('4.0', {status: 'pending', sent: 3}), mtime);
	t.deepEqual(old.values, {agentConnected: 0, agentMessagesSent: 3});
	t.is(old.format, 'state-4.0');
});

test('logcollector: events and drops of the global block, summed over locations and targets', t => {
	const text = logcollectorState([
		{location: '/var/log/syslog', events: 182_340, drops: [0, 4]},
		{location: 'journald', events: 1204, drops: [3]},
	]);
	t.true(text.includes('"global":\t{'), 'cJSON_Print layout');
	const parsed = parseLogcollectorState(text, mtime);
	t.deepEqual(parsed.values, {logEvents: 183_544, logDrops: 7});
	t.is(parsed.raw['global.files.1.location'], 'journald');
	t.is(parsed.raw['interval.files.0.events'], 18_234);
	t.is(parsed.time, mtime);
	t.is(parsed.format, 'state-4.2');
});

test('a half-written logcollector file is no figure, and an empty key=value file neither', t => {
	const text = logcollectorState([{location: 'journald', events: 5, drops: [1]}]);
	for (const cut of [0, 1, Math.floor(text.length / 2), text.length - 3]) {
		t.throws(() => parseLogcollectorState(text.slice(0, cut), mtime), {instanceOf: NotJsonError}, `cut at ${cut}`);
	}

	t.throws(() => parseLogcollectorState('{"interval":{}}', mtime), {instanceOf: StatsFormatError, message: 'the state file has no global block'});
	t.throws(() => parseRemotedState('# State file for wazuh-remoted\n', mtime), {instanceOf: StatsFormatError});
});
