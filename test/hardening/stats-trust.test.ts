import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {StatsCollector} from '../../source/collect/stats/stats-collector.js';
import type {DaemonStats} from '../../source/model/daemon-stats.js';
import {type FakeInstall, fakeInstallation} from '../helpers/fake-installation.js';
import {serveStats} from '../helpers/fake-stats-daemon.js';
import {user} from '../helpers/harden.js';
import {agentdState} from '../helpers/stats-agent.js';
import {wazuhDbGetstats} from '../helpers/stats-wazuh-db.js';

/*
 * The collector runs as root and connects to sockets and parses files inside the installation:
 * anything there that someone other than root and the Wazuh accounts could have placed is refused
 * before use. For each planted socket, a live fake daemon stands behind it: the proof is that it
 * never saw a connection. For each planted file, valid content behind it: the proof is no figure.
 */

const nobody = user('nobody');
const canChown = process.getuid?.() === 0 && nobody !== undefined;
const uptime = 1_754_550_000;
const wdbReply = (): string => JSON.stringify(wazuhDbGetstats('4.14', {uptime, timestamp: uptime, queries: 1, executionMs: 1}));

function onlyWhen(possible: boolean, why: string): (title: string, body: (t: ExecutionContext) => Promise<void>) => void {
	return (title, body) => {
		if (possible) {
			test(title, body);
		} else {
			test(`${title}: not run here (${why})`, t => {
				t.false(Boolean(process.env.CI), `${why}: CI runs as root and must run it`);
			});
		}
	};
}

const asRoot = onlyWhen(canChown, 'needs root and the user nobody');

async function readOnce(fake: FakeInstall, daemon: string): Promise<DaemonStats> {
	const collector = new StatsCollector({installations: [fake.installation], daemons: [daemon]});
	return (await collector.roundNow()).daemons[0]!;
}

async function plantedSocket(t: ExecutionContext, plant: (fake: FakeInstall, live: string) => void, wazuhGid?: number): Promise<{stats: DaemonStats; accepted: number}> {
	let fake = fakeInstallation(t, 'manager-4', '4.14.7');
	if (wazuhGid !== undefined) {
		fake = {...fake, installation: {...fake.installation, owners: {uids: fake.installation.owners.uids, gids: [wazuhGid]}}};
	}

	// The live socket is first served where the collector looks, then moved aside as the plant wants.
	const daemon = await serveStats(t, fake.at('queue/db/wdb'), 'framed', wdbReply);
	plant(fake, fake.at('queue/db/wdb'));
	const stats = await readOnce(fake, 'wazuh-db');
	return {stats, accepted: daemon.accepted};
}

asRoot('a socket owned by another user (nobody) is never connected to', async t => {
	const {stats, accepted} = await plantedSocket(t, (_fake, live) => {
		fs.chownSync(live, nobody!.uid, nobody!.gid);
	});
	t.is(accepted, 0);
	t.false(stats.up);
	t.regex(stats.problem!, new RegExp(`^refusing .*/queue/db/wdb: it is owned by uid ${nobody!.uid}, neither root nor the Wazuh user$`));
});

asRoot('a folder on the way writable by a foreign group is refused, the Wazuh group\'s is not', async t => {
	const {stats, accepted} = await plantedSocket(t, fake => {
		fs.chownSync(fake.at('queue/db'), 0, nobody!.gid);
		fs.chmodSync(fake.at('queue/db'), 0o770);
	});
	t.is(accepted, 0);
	t.regex(stats.problem!, new RegExp(`/queue/db is writable by group ${nobody!.gid}, neither root nor the Wazuh group$`));
	const wazuhGroup = await plantedSocket(t, fake => {
		fs.chownSync(fake.at('queue/db'), 0, nobody!.gid);
		fs.chmodSync(fake.at('queue/db'), 0o770);
	}, nobody!.gid);
	t.is(wazuhGroup.accepted, 1);
	t.true(wazuhGroup.stats.up, 'the same folder, when that group is the Wazuh group');
});

test('a socket replaced by a symbolic link to a live socket is never connected to', async t => {
	const {stats, accepted} = await plantedSocket(t, (fake, live) => {
		const aside = path.join(fake.dir, 'elsewhere');
		fs.renameSync(live, aside);
		fs.symlinkSync(aside, live);
	});
	t.is(accepted, 0);
	t.regex(stats.problem!, /^refusing .*\/queue\/db\/wdb: it is a symbolic link$/);
});

test('a folder of the path replaced by a symbolic link is never followed', async t => {
	const {stats, accepted} = await plantedSocket(t, fake => {
		const aside = path.join(fake.dir, 'db-aside');
		fs.renameSync(fake.at('queue/db'), aside);
		fs.symlinkSync(aside, fake.at('queue/db'));
	});
	t.is(accepted, 0);
	t.regex(stats.problem!, /queue\/db is a symbolic link$/);
});

test('a folder anyone may write into, inside the installation or above it, is refused', async t => {
	const inside = await plantedSocket(t, fake => {
		fs.chmodSync(fake.at('queue/db'), 0o777);
	});
	t.is(inside.accepted, 0);
	t.regex(inside.stats.problem!, /queue\/db is writable by other users$/);
	const above = await plantedSocket(t, fake => {
		fs.chmodSync(fake.dir, 0o777);
	});
	t.is(above.accepted, 0);
	t.regex(above.stats.problem!, /wm-stats-[^/]+ is writable by other users$/);
});

async function plantedFile(t: ExecutionContext, plant: (fake: FakeInstall, file: string, good: string) => void): Promise<DaemonStats> {
	const fake = fakeInstallation(t, 'agent', '4.14.7');
	const good = agentdState('4.2', {status: 'connected', sent: 99, buffered: 0});
	const file = fake.at('var/run/wazuh-agentd.state');
	plant(fake, file, good);
	const stats = await readOnce(fake, 'wazuh-agentd');
	t.false(stats.up);
	t.deepEqual(stats.values, {});
	return stats;
}

test('a state file that is a symbolic link to a good file is not read', async t => {
	const stats = await plantedFile(t, (fake, file, good) => {
		fs.writeFileSync(path.join(fake.dir, 'good.state'), good);
		fs.symlinkSync(path.join(fake.dir, 'good.state'), file);
	});
	t.regex(stats.problem!, /wazuh-agentd\.state: it is a symbolic link$/);
});

test('a FIFO as the state file is refused without waiting for a writer', async t => {
	const stats = await plantedFile(t, (_fake, file) => {
		const made = spawnSync('mkfifo', [file]);
		t.is(made.status, 0);
	});
	t.regex(stats.problem!, /wazuh-agentd\.state: it is not a regular file$/);
});

test('a state file others may write, or over the size bound, is not read', async t => {
	const writable = await plantedFile(t, (_fake, file, good) => {
		fs.writeFileSync(file, good);
		fs.chmodSync(file, 0o666);
	});
	t.regex(writable.problem!, /it is writable by other users$/);
	const huge = await plantedFile(t, (_fake, file, good) => {
		fs.writeFileSync(file, good);
		fs.truncateSync(file, 1024 * 1024 + 1);
	});
	t.regex(huge.problem!, /^the state file has 1048577 bytes, over the 1 MiB bound/);
});

asRoot('a state file owned by another user (nobody) is not read', async t => {
	const stats = await plantedFile(t, (_fake, file, good) => {
		fs.writeFileSync(file, good, {mode: 0o644});
		fs.chownSync(file, nobody!.uid, nobody!.gid);
	});
	t.regex(stats.problem!, new RegExp(`wazuh-agentd\\.state: it is owned by uid ${nobody!.uid}, neither root nor the Wazuh user$`));
});

test('a path outside the installation is refused whatever it is', async t => {
	const {checkTrustedPath} = await import('../../source/safe-fs/trusted-path.js');
	const owners = {uids: [0], gids: [0]};
	await t.throwsAsync(checkTrustedPath('/var/ossec', '/var/ossec/../../etc/passwd', owners, 'file'), {message: /not inside/});
	await t.throwsAsync(checkTrustedPath('relative', 'relative/x', owners, 'file'), {message: /not inside/});
});
