import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {fakeInstallation} from '../helpers/fake-installation.js';
import {serveStats} from '../helpers/fake-stats-daemon.js';
import {assertFreshBuild} from '../helpers/fresh-build.js';
import {user} from '../helpers/harden.js';
import {readableCliEntry} from '../helpers/readable-cli.js';
import {wazuhDbGetstats} from '../helpers/stats-wazuh-db.js';

/*
 * The collector run by a user who is neither root nor in the Wazuh group: Wazuh's folders (0750,
 * 0770) keep them out of every socket and file. That is one warning saying what is needed, not
 * one per daemon and round. The built collector (dist/) runs as `nobody`, from the readable copy
 * of this checkout.
 */

const nobody = user('nobody');
const possible = process.getuid?.() === 0 && nobody !== undefined;
const why = 'needs root and the user nobody';

if (possible) {
	test('without permission: every daemon down with EACCES, and a single warning that statistics need root or the wazuh group', async t => {
		assertFreshBuild();
		const fake = fakeInstallation(t, 'manager-4', '4.14.7');
		// Others may reach the installation folder (root:root 0750), not enter it.
		fs.chmodSync(fake.dir, 0o755);
		const wdb = await serveStats(t, fake.at('queue/db/wdb'), 'framed', () => JSON.stringify(wazuhDbGetstats('4.14', {uptime: 1, timestamp: 2, queries: 3, executionMs: 4})));
		const root = path.resolve(readableCliEntry(), '../../..');
		const script = `
			const {StatsCollector} = await import(${JSON.stringify(path.join(root, 'dist/collect/stats/stats-collector.js'))});
			const collector = new StatsCollector({installations: [JSON.parse(process.argv[1])]});
			const warnings = [];
			collector.on('warning', warning => warnings.push(warning));
			const rounds = [await collector.roundNow(), await collector.roundNow()];
			console.log(JSON.stringify({warnings, problems: rounds.flatMap(round => round.daemons.map(each => each.up ? 'up' : each.problem))}));
		`;
		const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(fake.installation)], {uid: nobody.uid, gid: nobody.gid, encoding: 'utf8', cwd: '/'});
		t.is(run.status, 0, run.stderr);
		const {warnings, problems} = JSON.parse(run.stdout) as {warnings: string[]; problems: string[]};
		t.is(problems.length, 8, 'four daemons, two rounds');
		for (const problem of problems) {
			t.regex(problem, /^permission denied \(EACCES\) on \//);
		}

		t.is(warnings.length, 1);
		t.regex(warnings[0]!, /^daemon statistics need root or the wazuh group: permission denied \(EACCES\) on \//);
		t.is(wdb.accepted, 0);
	});
} else {
	test(`without permission: not run here (${why})`, t => {
		t.false(Boolean(process.env.CI), `${why}: CI runs as root and must run it`);
	});
}
