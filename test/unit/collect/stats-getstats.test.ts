import test from 'ava';
import {parseGetstatsReply} from '../../../source/collect/stats/getstats.js';
import {NotJsonError, StatsFormatError} from '../../../source/collect/stats/parsed-stats.js';
import {analysisdGetstats, analysisdQueues} from '../../helpers/stats-analysisd.js';
import {remotedGetstats} from '../../helpers/stats-remoted.js';
import {wazuhDbGetstats} from '../../helpers/stats-wazuh-db.js';

/*
 * getstats replies of each version, normalised: the figures a test chose come back where the
 * brief and Wazuh's sources say, times in ms, the shape recognised.
 */

const uptime = 1_754_550_000;
const timestamp = 1_754_553_600;
const wire = (reply: object): string => JSON.stringify(reply);

for (const version of ['4.4', '4.8', '4.14'] as const) {
	test(`analysisd ${version}: events, drops summed over the dropped breakdown, queue fractions as they are`, t => {
		const dropped = {'modules_breakdown.logcollector_breakdown.others': 37, 'modules_breakdown.syscheck': 5, agent: 2, 'integrations_breakdown.virustotal': 1};
		const usage = {others: 0.03, processed: 0.01, syscollector: 0.12};
		const parsed = parseGetstatsReply('analysisd', wire(analysisdGetstats(version, {uptime, timestamp, received: 1_026_450, processed: 1_026_293, dropped, usage})));
		t.deepEqual(parsed.values, {eventsReceived: 1_026_450, eventsProcessed: 1_026_293, eventsDropped: 45});
		t.deepEqual(Object.keys(parsed.queues), analysisdQueues);
		t.is(parsed.queues.syscollector, 0.12);
		t.is(parsed.queues.alerts, 0);
		t.is(parsed.time, timestamp * 1000);
		t.is(parsed.started, uptime * 1000);
		t.is(parsed.raw['metrics.events.received'], 1_026_450);
		t.is(parsed.raw['metrics.events.received_breakdown.dropped_breakdown.modules_breakdown.syscheck'], 5);
		t.is(parsed.raw.name, 'wazuh-analysisd');
		t.is(parsed.format, version === '4.4' ? '4.4' : '4.6', 'without the eps block, 4.8 and 4.14 look like 4.6');
		t.true(Object.isFrozen(parsed) && Object.isFrozen(parsed.values) && Object.isFrozen(parsed.raw));
	});
}

test('analysisd with an EPS limit: the eps block tells 4.8 from 4.4, and its drops are not counted twice', t => {
	const figures = {uptime, timestamp, received: 10, processed: 9, dropped: {agent: 1}, eps: true};
	t.is(parseGetstatsReply('analysisd', wire(analysisdGetstats('4.8', figures))).format, '4.8');
	const old = parseGetstatsReply('analysisd', wire(analysisdGetstats('4.4', figures)));
	t.is(old.format, '4.4');
	t.is(old.values.eventsDropped, 1);
});

for (const version of ['4.4', '4.14', '5'] as const) {
	test(`remoted ${version}: messages, discards, sessions, and the received queue as a fraction of its size`, t => {
		const figures = {uptime, timestamp, events: 1_030_212, discarded: 17, tcpSessions: 100, queued: 12_288, queueSize: version === '5' ? 268_435_456 : 131_072};
		const parsed = parseGetstatsReply('remoted', wire(remotedGetstats(version, figures)));
		t.deepEqual(parsed.values, {messagesReceived: 1_030_212, messagesDiscarded: 17, tcpSessions: 100});
		t.deepEqual(parsed.queues, {received: 12_288 / figures.queueSize});
		t.is(parsed.format, {4.4: '4.4', 4.14: '4.13', 5: '5'}[version]);
		t.is(parsed.time, timestamp * 1000);
		t.is(parsed.raw[version === '5' ? 'metrics.messages.received_breakdown.events' : 'metrics.messages.received_breakdown.event'], 1_030_212);
	});
}

test('remoted 5.x with an unlimited queue (size 0) reports no fill', t => {
	const parsed = parseGetstatsReply('remoted', wire(remotedGetstats('5', {uptime, timestamp, events: 1, discarded: 0, tcpSessions: 1, queued: 4096, queueSize: 0})));
	t.deepEqual(parsed.queues, {});
});

for (const version of ['4.4', '4.8', '4.14', '5'] as const) {
	test(`wazuh-db ${version}: queries, and execution time in seconds`, t => {
		const parsed = parseGetstatsReply('wazuh-db', wire(wazuhDbGetstats(version, {uptime, timestamp, queries: 14_666, executionMs: 14_843})));
		t.deepEqual(parsed.values, {queries: 14_666, querySeconds: 14.843});
		t.deepEqual(parsed.queues, {});
		t.is(parsed.format, version === '4.4' ? '4.4' : version);
		t.is(parsed.started, uptime * 1000);
		t.is(parsed.raw['metrics.time.execution'], 14_843);
	});
}

test('a 4.3 daemon\'s plain-text answer is not JSON (the cue for the state file)', t => {
	const error = t.throws(() => parseGetstatsReply('analysisd', 'err Unrecognized command'), {instanceOf: NotJsonError});
	t.regex(error.message, /^the reply is not JSON \(starts with "err Unrecognized command"\)$/);
	t.throws(() => parseGetstatsReply('wazuh-db', ''), {instanceOf: NotJsonError, message: /empty/});
});

test('an error envelope, a reply without metrics, and a JSON that is no object are refused with one line', t => {
	t.throws(() => parseGetstatsReply('analysisd', '{"error":4,"message":"Unrecognized command","data":{}}'), {
		instanceOf: StatsFormatError,
		message: 'the daemon answered error 4: Unrecognized command',
	});
	t.throws(() => parseGetstatsReply('remoted', '{"error":0,"message":"ok","data":{}}'), {message: 'the reply has no metrics'});
	t.throws(() => parseGetstatsReply('remoted', '[1,2]'), {message: 'the reply is not a JSON object'});
});

test('missing or mistyped leaves are absent figures, not zeros or NaN', t => {
	const parsed = parseGetstatsReply('analysisd', '{"error":0,"data":{"metrics":{"events":{"received":"12","processed":null},"queues":{"alerts":{"usage":"x"}}}}}');
	t.deepEqual(parsed.values, {});
	t.deepEqual(parsed.queues, {});
	t.is(parsed.time, undefined);
	t.is(parsed.started, undefined);
});
