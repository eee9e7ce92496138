import test, {type ExecutionContext} from 'ava';
import {StatsCollector} from '../../source/collect/stats/stats-collector.js';
import type {DaemonStats} from '../../source/model/daemon-stats.js';
import {fakeInstallation} from '../helpers/fake-installation.js';
import {type FakeMode, serveStats} from '../helpers/fake-stats-daemon.js';
import {seededRandom} from '../helpers/random.js';
import {engineDump} from '../helpers/stats-engine.js';
import {wazuhDbGetstats} from '../helpers/stats-wazuh-db.js';

/*
 * Whatever answers on a daemon's socket (a crashed daemon's successor, another program, a bug):
 * random bytes, a length claiming gigabytes, a reply cut short, the wrong JSON, broken HTTP. Each
 * is one daemon down with a problem naming it, in a round that still ends, and the next good
 * answer is read as if nothing happened.
 */

const uptime = 1_754_550_000;
const lengthHeader = (length: number): Buffer => {
	const header = Buffer.alloc(4);
	header.writeUInt32LE(length);
	return header;
};

async function wazuhDb(t: ExecutionContext) {
	const fake = fakeInstallation(t, 'manager-4', '4.14.7');
	const daemon = await serveStats(t, fake.at('queue/db/wdb'), 'framed', () => JSON.stringify(wazuhDbGetstats('4.14', {uptime, timestamp: uptime + 1, queries: 5, executionMs: 5})));
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-db']});
	const read = async (mode: FakeMode): Promise<DaemonStats> => {
		daemon.mode = mode;
		return (await collector.roundNow()).daemons[0]!;
	};

	return {path: fake.at('queue/db/wdb'), read};
}

test('random bytes on a getstats socket: down with a problem, never a figure; the next good answer is read', async t => {
	const random = seededRandom();
	t.log(`seed ${random.seed}`);
	const {path, read} = await wazuhDb(t);
	for (let round = 0; round < 25; round++) {
		const bytes = Buffer.from(Array.from({length: 1 + random.int(300)}, () => random.int(256)));
		const stats = await read({kind: 'raw', bytes});
		t.false(stats.up, `bytes ${bytes.toString('hex')}`);
		t.deepEqual(stats.values, {});
		t.regex(stats.problem ?? '', /is not JSON|over the 1 MiB bound|closed the connection|not a JSON object|has no metrics|answered error/);
		t.true(stats.problem!.includes(path));
	}

	t.like(await read({kind: 'answer'}), {up: true, values: {queries: 5, querySeconds: 0.005}});
});

test('a claimed huge length is refused at once, not read (the daemon holds the connection open and sends nothing more)', async t => {
	const {path, read} = await wazuhDb(t);
	const stats = await read({kind: 'raw', bytes: lengthHeader(0xFF_FF_FF_F0), keepOpen: true});
	// Had the reply been awaited, the problem would be the deadline's.
	t.is(stats.problem, `${path} announced a reply of 4294967280 bytes, over the 1 MiB bound`);
	t.is((await read({kind: 'raw', bytes: lengthHeader(1024 * 1024 + 1), keepOpen: true})).problem, `${path} announced a reply of 1048577 bytes, over the 1 MiB bound`);
});

test('a reply cut short, and JSON of the wrong shape, are problems', async t => {
	const {path, read} = await wazuhDb(t);
	t.is((await read({kind: 'raw', bytes: Buffer.concat([lengthHeader(100), Buffer.from('{"error":0,')])})).problem, `${path} closed the connection after 11 of 100 bytes`);
	t.is((await read({kind: 'raw', bytes: Buffer.from([1, 0])})).problem, `${path} closed the connection without a reply`);
	const frame = (text: string): FakeMode => ({kind: 'raw', bytes: Buffer.concat([lengthHeader(Buffer.byteLength(text)), Buffer.from(text)])});
	t.is((await read(frame('{"error":0,"message":"ok","data":{}}'))).problem, `the reply has no metrics (${path})`);
	t.is((await read(frame('{"error":3,"message":"Unrecognized command"}'))).problem, `the daemon answered error 3: Unrecognized command (${path})`);
	t.is((await read(frame('null'))).problem, `the reply is not a JSON object (${path})`);
});

test('the engine\'s socket: a huge Content-Length, none at all, an error status, and no HTTP are each refused', async t => {
	const fake = fakeInstallation(t, 'manager-5', '5.0.1');
	const path = fake.at('queue/sockets/analysis');
	const engine = await serveStats(t, path, 'http', () => JSON.stringify(engineDump({uptimeMs: 1, timestampMs: 2, received: 3, processed: 2, routerDropped: 0, routerPercent: 1})));
	const collector = new StatsCollector({installations: [fake.installation], daemons: ['wazuh-manager-analysisd']});
	const read = async (mode: FakeMode): Promise<DaemonStats> => {
		engine.mode = mode;
		return (await collector.roundNow()).daemons[0]!;
	};

	const http = (head: string, body = '', keepOpen = false): FakeMode => ({kind: 'raw', bytes: Buffer.from(`HTTP/1.1 ${head}\r\n\r\n${body}`), keepOpen});
	t.is((await read(http('200 OK\r\nContent-Length: 999999999', '{', true))).problem, `${path} announced a reply of 999999999 bytes, over the 4 MiB bound`);
	t.is((await read(http('200 OK\r\nTransfer-Encoding: chunked', '2\r\n{}\r\n0\r\n\r\n'))).problem, `${path} the engine answered without a Content-Length`);
	t.is((await read(http('500 Internal Server Error\r\nContent-Length: 2', '{}'))).problem, `${path} the engine answered HTTP 500`);
	t.is((await read(http('200 OK\r\nContent-Length: 50', '{"status":'))).problem, `${path} closed the connection after 10 of 50 bytes`);
	t.regex((await read({kind: 'raw', bytes: Buffer.from('\u0000\u0001garbage\r\n\r\n')})).problem ?? '', /answered something that is not HTTP \(HPE_/);
	t.is((await read(http('200 OK\r\nContent-Length: 35', '{"status":"ERROR","error":"no way"}'))).problem, `the engine answered status ERROR: no way (${path})`);
	t.like(await read({kind: 'answer'}), {up: true, values: {eventsReceived: 3}});
});
