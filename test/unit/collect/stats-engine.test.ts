import test from 'ava';
import {parseEngineDump} from '../../../source/collect/stats/engine.js';
import {StatsFormatError} from '../../../source/collect/stats/parsed-stats.js';
import {engineDump} from '../../helpers/stats-engine.js';

/* The 5.x engine's metrics dump, normalised. */

const uptimeMs = Date.parse('2026-08-14T10:00:00.123Z');
const timestampMs = Date.parse('2026-08-14T11:00:00.456Z');

test('events received by the server, processed by the router, drops of router and indexer, queues in 0..1', t => {
	const parsed = parseEngineDump(JSON.stringify(engineDump({uptimeMs, timestampMs, received: 1_026_450, processed: 1_026_293, routerDropped: 5, indexerDropped: 7, routerPercent: 18.75, indexerPercent: 0.5})));
	t.deepEqual(parsed.values, {eventsReceived: 1_026_450, eventsProcessed: 1_026_293, eventsDropped: 12});
	t.deepEqual(parsed.queues, {router: 0.1875, indexer: 0.005});
	t.is(parsed.time, timestampMs);
	t.is(parsed.started, uptimeMs);
	t.is(parsed.format, '5');
	t.is(parsed.raw['router.eps.1m'], 285.4);
	t.is(parsed.raw['space.standard.events.unclassified'], 37, 'space metrics under their full name');
	t.is(parsed.raw.name, 'wazuh-manager-analysisd');
});

test('without the indexer connector: drops are the router\'s, and no indexer queue', t => {
	const parsed = parseEngineDump(JSON.stringify(engineDump({uptimeMs, timestampMs, received: 10, processed: 9, routerDropped: 1, routerPercent: 0})));
	t.is(parsed.values.eventsDropped, 1);
	t.deepEqual(parsed.queues, {router: 0});
});

test('a disabled metric (value 0 by design) is no figure; the order of entries does not matter', t => {
	const dump = engineDump({uptimeMs, timestampMs, received: 10, processed: 9, routerDropped: 1, routerPercent: 50, disabled: ['server.events.received']}) as {global: unknown[]};
	dump.global.reverse();
	const parsed = parseEngineDump(JSON.stringify(dump));
	t.is(parsed.values.eventsReceived, undefined);
	t.is(parsed.values.eventsProcessed, 9);
	t.is(parsed.raw['server.events.received'], 0);
});

test('an ERROR status is refused with the engine\'s own words', t => {
	t.throws(() => parseEngineDump('{"status":"ERROR","error":"metrics disabled"}'), {instanceOf: StatsFormatError, message: 'the engine answered status ERROR: metrics disabled'});
	t.throws(() => parseEngineDump('<html>'), {instanceOf: StatsFormatError});
});
