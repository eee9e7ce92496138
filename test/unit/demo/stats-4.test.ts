import fs from 'node:fs';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {startFleet, type Fleet} from '../../helpers/fleet.js';
import {assertFreshBuild} from '../../helpers/fresh-build.js';
import {ask, at, exchange, leafPaths, until} from '../../helpers/stats-client.js';
import {analysisd4, analysisdStateKeys, remoted4, remotedStateKeys, wazuhDb4} from '../../helpers/stats-formats.js';

/*
 * The 4.x demo publishes its daemons' statistics like Wazuh 4.14: getstats over framed unix
 * sockets, state files in var/run. Read here with plain clients (test/helpers/stats-client.ts) and
 * checked against the key lists of test/helpers/stats-formats.ts, never against the demo's code.
 */

type Reply = {error: number; message: string; data: Record<string, unknown>};

const test = anyTest as TestFn<{fleet: Fleet}>;
const analysisRate = 100;
const remoteRate = 40;

test.before(async t => {
	assertFreshBuild();
	t.context.fleet = await startFleet({
		daemons: [
			// A short queue cycle: the syscheck queue fills (and drops) within seconds.
			{name: 'wazuh-analysisd', stats: {rate: analysisRate, queueCycle: 10}},
			{name: 'wazuh-remoted', stats: {rate: remoteRate}},
			{name: 'wazuh-db'},
			{name: 'wazuh-execd'},
		],
		decoy: false,
	});
});

test.after.always(async t => {
	await t.context.fleet?.stop();
});

const socket = (fleet: Fleet, relative: string) => path.join(fleet.dir, relative);
const sockets = {analysisd: 'queue/sockets/analysis', remoted: 'queue/sockets/remote', wazuhDb: 'queue/db/wdb'};

async function getstats(fleet: Fleet, relative: string): Promise<Reply> {
	return JSON.parse(await ask(socket(fleet, relative), '{"command":"getstats"}')) as Reply;
}

const number = (reply: Reply, key: string) => at(reply.data, key) as number;

test.serial('folders and sockets have Wazuh\'s modes and belong to the user running the demo', t => {
	const {fleet} = t.context;
	const modes: Record<string, number> = {queue: 0o750, 'queue/sockets': 0o770, 'queue/db': 0o750, var: 0o750, 'var/run': 0o770};
	for (const relative of Object.values(sockets)) {
		modes[relative] = 0o660;
	}

	for (const [relative, mode] of Object.entries(modes)) {
		const stat = fs.lstatSync(path.join(fleet.dir, relative));
		t.is((stat.mode & 0o7777).toString(8), mode.toString(8), relative);
		t.is(stat.uid, process.getuid?.() ?? -1);
	}

	t.true(fs.lstatSync(socket(fleet, sockets.wazuhDb)).isSocket());
});

test.serial('getstats replies carry the 4.14 keys of each daemon, in Wazuh\'s envelope', async t => {
	const {fleet} = t.context;
	for (const [relative, name, keys] of [[sockets.analysisd, 'wazuh-analysisd', analysisd4], [sockets.remoted, 'wazuh-remoted', remoted4], [sockets.wazuhDb, 'wazuh-db', wazuhDb4]] as const) {
		const text = await ask(socket(fleet, relative), '{"version": 1, "origin": {"module": "API"}, "command": "getstats"}');
		// One line, no spaces (cJSON_PrintUnformatted), keys in Wazuh's order.
		t.true(text.startsWith('{"error":0,"message":"ok","data":{"uptime":'), text.slice(0, 60));
		t.false(/[\n ]/.test(text));
		const reply = JSON.parse(text) as Reply;
		t.deepEqual(Object.keys(reply.data), ['uptime', 'timestamp', 'name', 'metrics']);
		t.is(reply.data.name, name);
		t.deepEqual(leafPaths(reply.data).sort(), [...keys].sort(), name);
		for (const key of leafPaths(reply.data).filter(key => key !== 'name')) {
			t.is(typeof at(reply.data, key), 'number', `${name} ${key}`);
		}
	}

	t.is(wazuhDb4.length, 185);
});

test.serial('counters only grow, at about the configured rate, and sums match their breakdowns', async t => {
	const {fleet} = t.context;
	const first = await getstats(fleet, sockets.remoted);
	const second = await until(async () => getstats(fleet, sockets.remoted), reply => number(reply, 'timestamp') >= number(first, 'timestamp') + 2);
	t.true(number(second, 'timestamp') >= number(first, 'timestamp') + 2, 'timestamp advances');
	t.is(number(second, 'uptime'), number(first, 'uptime'));
	const gauges = new Set(['metrics.tcp_sessions', 'metrics.control_messages_queue_usage', 'metrics.queues.received.usage']);
	for (const key of leafPaths(first.data).filter(key => key.startsWith('metrics.') && !gauges.has(key))) {
		t.true(number(second, key) >= number(first, key), key);
	}

	// Each second lived brings rate x (0.9 to 1.1) event messages; the counters hold the whole seconds lived.
	const lived = number(second, 'timestamp') - number(second, 'uptime');
	const events = number(second, 'metrics.messages.received_breakdown.event');
	t.true(events >= (0.9 * remoteRate * (lived - 1)) - 1 && events <= 1.1 * remoteRate * lived, `${events} events in ${lived} s`);
	t.true(events > number(first, 'metrics.messages.received_breakdown.event'));

	const analysisd = await getstats(fleet, sockets.analysisd);
	const received = number(analysisd, 'metrics.events.received');
	t.true(received >= (0.9 * analysisRate * (number(analysisd, 'timestamp') - number(analysisd, 'uptime') - 1)) - 1, `${received} events received`);
	t.true(number(analysisd, 'metrics.events.processed') < received, 'processing lags behind');
	const db = await getstats(fleet, sockets.wazuhDb);
	const breakdown = ['agent', 'global', 'mitre', 'task', 'wazuhdb'];
	t.is(number(db, 'metrics.queries.received'), breakdown.reduce((sum, key) => sum + number(db, `metrics.queries.received_breakdown.${key}`), 0));
	t.is(number(db, 'metrics.time.execution'), breakdown.reduce((sum, key) => sum + number(db, `metrics.time.execution_breakdown.${key}`), 0));
	t.true(number(db, 'metrics.time.execution') > 0);
});

test.serial('the syscheck queue fills past 93 % and drops events, then drains', async t => {
	const {fleet} = t.context;
	const usage = (reply: Reply) => number(reply, 'metrics.queues.syscheck.usage');
	const dropped = (reply: Reply) => number(reply, 'metrics.events.received_breakdown.dropped_breakdown.modules_breakdown.syscheck');
	let highest = 0;
	const full = await until(async () => getstats(fleet, sockets.analysisd), reply => {
		highest = Math.max(highest, usage(reply));
		return highest >= 0.93 && dropped(reply) > 0;
	});
	t.true(highest >= 0.93 && highest <= 1, `usage up to ${highest}`);
	t.true(dropped(full) > 0, 'events dropped');
	const drained = await until(async () => getstats(fleet, sockets.analysisd), reply => usage(reply) < 0.5);
	t.true(usage(drained) < 0.5, `usage back to ${usage(drained)}`);
});

test.serial('only the read-only requests are answered: anything else gets Wazuh\'s error reply', async t => {
	const {fleet} = t.context;
	for (const relative of [sockets.analysisd, sockets.remoted]) {
		const file = socket(fleet, relative);
		t.is(await ask(file, '{"command":"restart"}'), '{"error":4,"message":"Unrecognized command","data":{}}');
		t.is(await ask(file, 'getstats'), '{"error":2,"message":"Invalid JSON input","data":{}}');
		t.is(await ask(file, '{"parameters":{}}'), '{"error":3,"message":"Empty command","data":{}}');
		t.is(await ask(file, '{"command":"getconfig","parameters":{"section":"global"}}'), '{"error":7,"message":"Unrecognized or not configured section","data":{}}');
		// One request per connection: the daemon hangs up after its reply.
		const {replies} = await exchange(file, ['{"command":"getstats"}', '{"command":"getstats"}']);
		t.truthy(replies[0]);
		t.is(replies[1], undefined);
	}

	const db = socket(fleet, sockets.wazuhDb);
	t.is(await ask(db, '{"command":"vacuum"}'), '{"error":3,"message":"Unrecognized command","data":{}}');
	t.is(await ask(db, '{"command":"getstats"'), '{"error":1,"message":"Invalid JSON input","data":{}}');
	t.is(await ask(db, 'global sql DELETE FROM agent\n'), 'err Invalid DB query syntax, near \'global sql DELETE FROM agent\'\n');
	// wazuh-db keeps the connection for more requests.
	const {replies} = await exchange(db, ['{"command":"getstats"}', '{"command":"getstats"}']);
	t.is(replies.filter(reply => reply?.startsWith('{"error":0,')).length, 2);
	// A request longer than Wazuh's OS_MAXSTR gets no reply.
	const {replies: long} = await exchange(socket(fleet, sockets.analysisd), [`{"command":"getstats","x":"${'a'.repeat(70_000)}"}`]);
	t.is(long[0], undefined);
});

function readState(file: string): Map<string, string> {
	const entries = fs.readFileSync(file, 'utf8').split('\n').filter(line => line !== '' && !line.startsWith('#')).map(line => {
		const match = /^(\w+)='([^']*)'$/.exec(line);
		if (!match) {
			throw new Error(`${file}: not key='value': ${line}`);
		}

		return [match[1] ?? '', match[2] ?? ''] as const;
	});
	return new Map(entries);
}

test.serial('the state files parse as key=\'value\', with the 4.14 keys, and are replaced whole every 5 s', async t => {
	const {fleet} = t.context;
	const analysisd = path.join(fleet.dir, 'var/run/wazuh-analysisd.state');
	const remoted = path.join(fleet.dir, 'var/run/wazuh-remoted.state');
	const first = readState(analysisd);
	t.deepEqual([...first.keys()], analysisdStateKeys);
	t.deepEqual([...readState(remoted).keys()], remotedStateKeys);
	t.true(fs.readFileSync(analysisd, 'utf8').startsWith('# State file for wazuh-analysisd\n# THIS FILE WILL BE DEPRECATED IN FUTURE VERSIONS\n\n# Total events decoded\n'));
	t.true(fs.readFileSync(remoted, 'utf8').endsWith('\n\n'));
	t.is((fs.statSync(analysisd).mode & 0o777).toString(8), '640');
	t.is((fs.statSync(remoted).mode & 0o777).toString(8), '644');
	for (const [key, value] of [...first, ...readState(remoted)]) {
		t.regex(value, key.endsWith('_usage') && key !== 'ctrl_msg_queue_usage' ? /^\d\.\d\d$/ : /^\d+$/, key);
	}

	// Rewritten through a new file renamed over the old one: a reader always sees a whole file.
	const inode = fs.statSync(analysisd).ino;
	let reads = 0;
	const later = await until(() => {
		reads++;
		const state = readState(analysisd);
		t.is(state.size, analysisdStateKeys.length);
		return fs.statSync(analysisd).ino;
	}, ino => ino !== inode, 30_000);
	t.not(later, inode, `still the same file after ${reads} reads`);
	const next = readState(analysisd);
	t.true(Number(next.get('events_received')) > Number(first.get('events_received')));
	t.deepEqual(fs.readdirSync(path.join(fleet.dir, 'var/run')).filter(name => name.endsWith('.temp')), []);
});

test.serial('a restarted daemon starts its counters and uptime over; a stopped one has no socket', async t => {
	const {fleet} = t.context;
	const before = await until(async () => getstats(fleet, sockets.remoted), reply => number(reply, 'timestamp') - number(reply, 'uptime') >= 3);
	await fleet.restart('wazuh-remoted');
	const after = await getstats(fleet, sockets.remoted);
	t.true(number(after, 'uptime') >= number(before, 'uptime') + 3, `uptime ${number(before, 'uptime')} -> ${number(after, 'uptime')}`);
	const lived = number(after, 'timestamp') - number(after, 'uptime');
	const events = number(after, 'metrics.messages.received_breakdown.event');
	t.true(events <= 1.1 * remoteRate * lived, `${events} events ${lived} s after the restart`);
	t.true(events < number(before, 'metrics.messages.received_breakdown.event'), 'counters start over');

	await fleet.kill('wazuh-db');
	t.false(fs.existsSync(socket(fleet, sockets.wazuhDb)));
	await fleet.start('wazuh-db');
	t.is(number(await getstats(fleet, sockets.wazuhDb), 'metrics.queries.received') >= 0, true);
});

test('a daemon with no statistics of its own publishes none; stats: false turns them off', async t => {
	const fleet = await startFleet({daemons: [{name: 'wazuh-analysisd', stats: false}, {name: 'wazuh-remoted'}], decoy: false});
	try {
		t.false(fs.existsSync(path.join(fleet.dir, sockets.analysisd)));
		t.false(fs.existsSync(path.join(fleet.dir, 'var/run/wazuh-analysisd.state')));
		t.true(fs.existsSync(path.join(fleet.dir, sockets.remoted)));
		t.deepEqual(fs.readdirSync(path.join(fleet.dir, 'queue/sockets')), ['remote']);
	} finally {
		await fleet.stop();
	}

	t.false(fs.existsSync(fleet.dir));
});
