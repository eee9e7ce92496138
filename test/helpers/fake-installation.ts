import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {ExecutionContext} from 'ava';
import type {Installation} from '../../source/wazuh/installation.js';
import type {Layout} from '../../source/wazuh/reference.js';

/*
 * A Wazuh installation folder for the statistics collector, laid out and moded as Wazuh's
 * installer makes it (src/init/inst-functions.sh: `queue` 0750, `queue/sockets` 0770, `queue/db`
 * 0750, `var` 0750, `var/run` 0770), owned by the test's user, who stands for root and the
 * Wazuh user. Removed when the test ends.
 */

export type FakeInstall = {
	readonly installation: Installation;
	/** The temporary folder holding the installation (`<tmp>/wm-stats-XXXX`). */
	readonly dir: string;
	/** An absolute path inside the installation. */
	at(relative: string): string;
	/** Writes a state file as analysisd, remoted and agentd do: `<file>.temp`, then rename. */
	writeState(relative: string, text: string): void;
};

const folders: ReadonlyArray<readonly [string, number]> = [
	['queue', 0o750],
	['queue/sockets', 0o770],
	['queue/db', 0o750],
	['var', 0o750],
	['var/run', 0o770],
];

export function fakeInstallation(t: ExecutionContext, layout: Layout, version = '4.14.7'): FakeInstall {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-stats-'));
	t.teardown(() => {
		fs.rmSync(dir, {recursive: true, force: true});
	});
	const folder = path.join(dir, layout === 'manager-5' ? 'wazuh-manager' : 'ossec');
	fs.mkdirSync(folder, {mode: 0o750});
	fs.chmodSync(folder, 0o750);
	for (const [relative, mode] of folders) {
		fs.mkdirSync(path.join(folder, relative), {mode});
		fs.chmodSync(path.join(folder, relative), mode);
	}

	const uid = process.getuid?.() ?? 0;
	const gid = process.getgid?.() ?? 0;
	const at = (relative: string): string => path.join(folder, relative);
	return {
		installation: {folder, layout, version, owners: {uids: [...new Set([0, uid])], gids: [gid]}},
		dir,
		at,
		writeState(relative, text) {
			const target = at(relative);
			fs.writeFileSync(`${target}.temp`, text, {mode: 0o640});
			fs.renameSync(`${target}.temp`, target);
		},
	};
}
