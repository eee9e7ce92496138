import fs from 'node:fs';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {startFleet, type Fleet} from '../../helpers/fleet.js';
import {assertFreshBuild} from '../../helpers/fresh-build.js';
import {ask, at, exchange, httpAsk, leafPaths, until} from '../../helpers/stats-client.js';
import {engineGlobal, engineSpace, remoted5, wazuhDb5} from '../../helpers/stats-formats.js';

/*
 * The 5.x demo: the engine's `POST /metrics/dump` over HTTP/1.1 on queue/sockets/analysis, remoted
 * and wazuh-db getstats in their 5.x shapes, and no state files. Plain clients, key lists written
 * from the formats (test/helpers/).
 */

type Metric = {name: string; type: string; enabled: boolean; value: number};
type Dump = {status: string; name: string; uptime: string; timestamp: string; global: Metric[]; spaces: Array<{name: string; metrics: Metric[]}>};

const test = anyTest as TestFn<{fleet: Fleet}>;
const engineRate = 100;

test.before(async t => {
	assertFreshBuild();
	t.context.fleet = await startFleet({
		daemons: [
			{name: 'wazuh-manager-analysisd', stats: {rate: engineRate, queueCycle: 10}},
			{name: 'wazuh-manager-remoted'},
			{name: 'wazuh-manager-db'},
		],
		decoy: false,
	});
});

test.after.always(async t => {
	await t.context.fleet?.stop();
});

const file = (fleet: Fleet, relative: string) => path.join(fleet.dir, relative);
const engine = (fleet: Fleet) => file(fleet, 'queue/sockets/analysis');

async function dump(fleet: Fleet, body = '{}'): Promise<Dump> {
	const answer = await httpAsk(engine(fleet), 'POST', '/metrics/dump', body);
	if (answer.status !== 200) {
		throw new Error(`metrics dump: ${answer.status} ${answer.body}`);
	}

	return JSON.parse(answer.body) as Dump;
}

const metric = (dumped: Dump, name: string) => dumped.global.find(each => each.name === name)?.value ?? Number.NaN;

test.serial('the engine answers POST /metrics/dump with its schema and metric names, with a Content-Length', async t => {
	const {fleet} = t.context;
	t.is((fs.statSync(engine(fleet)).mode & 0o777).toString(8), '660');
	for (const body of ['{}', '']) {
		const answer = await httpAsk(engine(fleet), 'POST', '/metrics/dump', body);
		t.is(answer.status, 200);
		t.is(answer.headers['content-type'], 'plain/text');
		t.is(Number(answer.headers['content-length']), Buffer.byteLength(answer.body));
		t.is(answer.headers['transfer-encoding'], undefined);
		const dumped = JSON.parse(answer.body) as Dump;
		t.deepEqual(Object.keys(dumped), ['status', 'name', 'uptime', 'timestamp', 'global', 'spaces']);
		t.is(dumped.status, 'OK');
		t.is(dumped.name, 'wazuh-manager-analysisd');
		t.regex(dumped.uptime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		t.regex(dumped.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		t.deepEqual(Object.fromEntries(dumped.global.map(each => [each.name, each.type])), engineGlobal);
		for (const each of [...dumped.global, ...dumped.spaces.flatMap(space => space.metrics)]) {
			t.deepEqual(Object.keys(each), ['name', 'type', 'enabled', 'value']);
			t.is(each.enabled, true);
			t.is(typeof each.value, 'number');
		}

		t.deepEqual(dumped.spaces.map(space => space.name), ['standard']);
		t.deepEqual(dumped.spaces[0]?.metrics.map(each => each.name).sort(), [...engineSpace].sort());
	}
});

test.serial('the engine\'s counters grow and its router queue fills past 93 %, dropping events', async t => {
	const {fleet} = t.context;
	const first = await dump(fleet);
	let highest = 0;
	const later = await until(async () => dump(fleet), dumped => {
		highest = Math.max(highest, metric(dumped, 'router.queue.usage.percent'));
		return highest >= 93 && metric(dumped, 'router.events.dropped') > 0 && Date.parse(dumped.timestamp) >= Date.parse(first.timestamp) + 2000;
	});
	t.true(highest >= 93 && highest <= 100, `usage up to ${highest} %`);
	t.true(metric(later, 'router.events.dropped') > 0);
	t.is(later.uptime, first.uptime);
	for (const [name, type] of Object.entries(engineGlobal)) {
		if (type === 'counter') {
			t.true(metric(later, name) >= metric(first, name), name);
		}
	}

	const received = metric(later, 'server.events.received');
	const lived = (Date.parse(later.timestamp) - Date.parse(later.uptime)) / 1000;
	t.true(received >= (0.9 * engineRate * (lived - 1)) - 1, `${received} events in ${lived} s`);
	t.true(metric(later, 'router.events.processed') < received);
});

test.serial('the engine answers nothing but POST /metrics/dump', async t => {
	const {fleet} = t.context;
	t.is((await httpAsk(engine(fleet), 'GET', '/metrics/dump')).status, 404);
	t.is((await httpAsk(engine(fleet), 'POST', '/metrics/enable', '{"name":"router.eps.1m","enabled":false}')).status, 404);
	t.is((await httpAsk(engine(fleet), 'POST', '/metrics/dump', 'not json')).status, 400);
	// A 4.x framed getstats gets no framed reply: the socket speaks HTTP.
	const {replies} = await exchange(engine(fleet), ['{"command":"getstats"}']);
	t.is(replies[0], undefined);
	t.is((await httpAsk(engine(fleet), 'POST', '/metrics/dump', '{}')).status, 200);
});

test.serial('remoted and wazuh-db answer getstats in their 5.x shapes', async t => {
	const {fleet} = t.context;
	for (const [relative, name, keys] of [['queue/sockets/remote', 'wazuh-remoted', remoted5], ['queue/db/wdb', 'wazuh-db', wazuhDb5]] as const) {
		const text = await ask(file(fleet, relative), '{"command":"getstats"}');
		t.true(text.startsWith('{"error":0,"message":"ok","data":{"uptime":'));
		const data = (JSON.parse(text) as {data: Record<string, unknown>}).data;
		t.is(data.name, name);
		t.deepEqual(leafPaths(data).sort(), [...keys].sort(), name);
	}

	const remote = file(fleet, 'queue/sockets/remote');
	// 5.x remoted has no getagentsstats.
	t.is(await ask(remote, '{"command":"getagentsstats","parameters":{"agents":[1]}}'), '{"error":4,"message":"Unrecognized command","data":{}}');
	const data = (JSON.parse(await ask(remote, '{"command":"getstats"}')) as {data: Record<string, unknown>}).data;
	t.is(at(data, 'metrics.queues.received.size'), 268_435_456);
	t.deepEqual(fs.readdirSync(file(fleet, 'var/run')), [], 'no state files on 5.x');
});

test.serial('a restarted engine starts over', async t => {
	const {fleet} = t.context;
	const before = await until(async () => dump(fleet), dumped => Date.parse(dumped.timestamp) - Date.parse(dumped.uptime) >= 3000);
	await fleet.restart('wazuh-manager-analysisd');
	const after = await dump(fleet);
	t.true(Date.parse(after.uptime) > Date.parse(before.timestamp) - 1000, `${before.uptime} -> ${after.uptime}`);
	const lived = (Date.parse(after.timestamp) - Date.parse(after.uptime)) / 1000;
	t.true(metric(after, 'router.events.processed') < metric(before, 'router.events.processed'), `restarted ${lived} s ago`);
});
