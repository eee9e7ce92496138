import test from 'ava';
import {AnalysisdModel} from '../../../source/demo/stats/analysisd.js';
import {EngineModel} from '../../../source/demo/stats/engine.js';
import type {ModelSetup} from '../../../source/demo/stats/model.js';
import {RemotedModel} from '../../../source/demo/stats/remoted.js';
import {analysisdStateFile} from '../../../source/demo/stats/state-files.js';
import {WazuhDbModel} from '../../../source/demo/stats/wazuh-db.js';
import type {Shape, StatsShape} from '../../../source/demo/shape.js';
import {at, leafPaths} from '../../helpers/stats-client.js';

/*
 * The demo's statistics models on a clock moved by hand: exact, no waiting. Their figures depend on
 * the seed and the seconds lived only. The seed is fixed (the models take one from the fleet).
 */

const started = 1_790_000_000_250;
const seed = 3;
const setup = (stats: StatsShape, shape: Shape = {}): ModelSetup => ({shape, stats, seed, started});
const secondAt = (second: number) => started + (second * 1000);

type Data = Record<string, unknown>;
const data = (text: string) => (JSON.parse(text) as {data: Data}).data;
const value = (reply: Data, path: string) => at(reply, path) as number;

/** Asks every second for `seconds`, checking the cumulative counters never go down; the replies. */
function live(ask: (now: number) => Data, seconds: number, gauges: RegExp, check: (message: string, ok: boolean) => void): Data[] {
	const replies: Data[] = [];
	for (let second = 1; second <= seconds; second++) {
		const reply = ask(secondAt(second));
		const previous = replies.at(-1);
		if (previous) {
			const down = leafPaths(reply).filter(path => path.startsWith('metrics.') && !gauges.test(path) && value(reply, path) < value(previous, path));
			check(`second ${second}: ${down.join(', ')} went down`, down.length === 0);
		}

		replies.push(reply);
	}

	return replies;
}

test('analysisd: cumulative counters, rule matching a second behind, the syscheck queue fills and drops in its first cycle', t => {
	const model = new AnalysisdModel(setup({rate: 50, queueCycle: 100}));
	const replies = live(now => data(model.getstats(now)), 300, /^metrics\.queues\./, (message, ok) => {
		if (!ok) {
			t.fail(message);
		}
	});
	const usage = replies.map(reply => value(reply, 'metrics.queues.syscheck.usage'));
	const dropped = replies.map(reply => value(reply, 'metrics.events.received_breakdown.dropped_breakdown.modules_breakdown.syscheck'));
	const firstFull = usage.findIndex(each => each >= 0.93);
	t.true(firstFull > 0 && firstFull < 60, `93 % after ${firstFull + 1} s`);
	t.true(dropped[59]! > 0 && dropped[29] === 0, `dropped ${dropped[29]} after 30 s, ${dropped[59]} after 60 s`);
	t.true(Math.max(...usage) === 1);
	// Drained before the next cycle's scan.
	t.true(usage[98]! < 0.05, `usage ${usage[98]} at the end of the cycle`);
	for (const reply of replies) {
		const received = value(reply, 'metrics.events.received');
		t.true(value(reply, 'metrics.events.processed') < received);
		t.is(value(reply, 'uptime'), Math.floor(started / 1000));
	}

	// The state file's sums are getstats' (Wazuh's src/analysisd/state.c).
	const state = new Map([...analysisdStateFile(model, secondAt(300)).matchAll(/^(\w+)='([^']*)'$/gm)].map(match => [match[1], Number(match[2])]));
	const last = replies.at(-1)!;
	t.is(state.get('events_received'), value(last, 'metrics.events.received'));
	t.is(state.get('events_dropped'), dropped.at(-1));
	t.is(state.get('syscheck_queue_usage'), Number(value(last, 'metrics.queues.syscheck.usage').toFixed(2)));
});

test('the figures depend on the seconds lived, not on when or how often they are asked', t => {
	const often = new AnalysisdModel(setup({}));
	for (let second = 1; second <= 200; second++) {
		often.getstats(secondAt(second) + 999);
	}

	const once = new AnalysisdModel(setup({}));
	t.is(once.getstats(secondAt(200) + 400), often.getstats(secondAt(200) + 400));
	t.is(new WazuhDbModel(setup({}), 4).getstats(secondAt(50)), new WazuhDbModel(setup({}), 4).getstats(secondAt(50)));
});

test('events follow the CPU shape: a burst at 50 times the steady CPU brings 50 times the events', t => {
	const shape: Shape = {cpu: 0.01, cpuBurst: {every: 60, length: 2, cpu: 0.5}};
	const model = new AnalysisdModel(setup({rate: 10, queueCycle: 0}, shape));
	const received = [0, ...live(now => data(model.getstats(now)), 120, /^metrics\.queues\./, (message, ok) => {
		if (!ok) {
			t.fail(message);
		}
	}).map(reply => value(reply, 'metrics.events.received'))];
	const perSecond = received.slice(1).map((each, index) => each - received[index]!);
	// Second n of the list is the daemon's second n (0 first): bursts at 58, 59, 118, 119.
	const bursts = [58, 59, 118, 119];
	for (const [second, count] of perSecond.entries()) {
		if (bursts.includes(second)) {
			t.true(count >= 400 && count <= 600, `second ${second}: ${count}`);
		} else {
			t.true(count <= 20, `second ${second}: ${count}`);
		}
	}
});

test('remoted: about the configured rate over time, sessions around 100, its control queue balanced', t => {
	for (const version of [4, 5] as const) {
		const model = new RemotedModel(setup({rate: 40}), version);
		const replies = live(now => data(model.getstats(now)), 1000, /tcp_sessions|queue_usage|queues\.received\.usage/, (message, ok) => {
			if (!ok) {
				t.fail(message);
			}
		});
		const last = replies.at(-1)!;
		const events = value(last, `metrics.messages.received_breakdown.${version === 4 ? 'event' : 'events'}`);
		t.true(events >= 0.97 * 40 * 1000 && events <= 1.03 * 40 * 1000, `${events} events in 1000 s`);
		const sessions = replies.map(reply => value(reply, 'metrics.tcp_sessions'));
		t.true(Math.min(...sessions) >= 90 && Math.max(...sessions) <= 110);
		const queue = (key: string) => value(last, `metrics.control_messages_queue_breakdown.${key}`);
		t.is(queue('inserted'), queue('processed') + queue('replaced') + value(last, 'metrics.control_messages_queue_usage'));
		t.is(value(last, 'metrics.messages.received_breakdown.control'), ['keepalive', 'request', 'shutdown', 'startup'].reduce((sum, key) => sum + value(last, `metrics.messages.received_breakdown.control_breakdown.${key}`), 0));
	}
});

test('wazuh-db: every count is the sum of its breakdown, queries and execution time grow', t => {
	for (const version of [4, 5] as const) {
		const model = new WazuhDbModel(setup({rate: 30}), version);
		const replies = live(now => data(model.getstats(now)), 100, /^$/, (message, ok) => {
			if (!ok) {
				t.fail(message);
			}
		});
		const last = replies.at(-1)!;
		const leaves = (prefix: string) => leafPaths(last).filter(path => path.startsWith(prefix) && path.split('.').length > prefix.split('.').length + 1);
		const sum = (paths: string[]) => paths.reduce((total, path) => total + value(last, path), 0);
		t.is(value(last, 'metrics.queries.received'), sum(leaves('metrics.queries.received_breakdown.').filter(path => path.includes('_breakdown.', 'metrics.queries.received_breakdown.'.length))));
		t.is(value(last, 'metrics.time.execution'), sum(leaves('metrics.time.execution_breakdown.').filter(path => path.includes('_breakdown.', 'metrics.time.execution_breakdown.'.length))));
		const queries = value(last, 'metrics.queries.received');
		t.true(queries >= 0.9 * 30 * 100 && queries <= 1.1 * 30 * 100, `${queries} queries in 100 s`);
		t.true(value(last, 'metrics.time.execution') > value(replies[49]!, 'metrics.time.execution'));
	}
});

test('engine: processed behind received, the router queue fills to 93 % and drops in its first cycle', t => {
	const model = new EngineModel(setup({rate: 50, queueCycle: 60}));
	type Dump = {global: Array<{name: string; value: number}>; spaces: Array<{metrics: Array<{name: string; value: number}>}>};
	const dumps: Dump[] = [];
	for (let second = 1; second <= 120; second++) {
		dumps.push(JSON.parse(model.dump(secondAt(second))) as Dump);
	}

	const metric = (dump: Dump, name: string) => dump.global.find(each => each.name === name)?.value ?? Number.NaN;
	const usage = dumps.map(dump => metric(dump, 'router.queue.usage.percent'));
	t.true(usage.slice(0, 60).some(each => each >= 93), `usage up to ${Math.max(...usage)}`);
	t.true(metric(dumps[59]!, 'router.events.dropped') > 0);
	for (const [index, dump] of dumps.entries()) {
		t.true(metric(dump, 'router.events.processed') < metric(dump, 'server.events.received'));
		if (index > 0) {
			for (const name of ['router.events.processed', 'router.events.dropped', 'server.events.received', 'server.bytes.received', 'agent.cache.hits']) {
				t.true(metric(dump, name) >= metric(dumps[index - 1]!, name), name);
			}
		}
	}
});
