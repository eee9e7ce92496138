import fs from 'node:fs';
import path from 'node:path';
import {installedWazuhVersion} from './version.js';
import {type Layout, programPath} from './reference.js';

/** Who may run a genuine daemon: root, and the Wazuh service user or group. */
type ServiceOwners = {readonly uids: readonly number[]; readonly gids: readonly number[]};

/** A Wazuh installation found on this host (or named with --install-dir). */
export type Installation = {
	/** Absolute, without a trailing slash. */
	readonly folder: string;
	readonly layout: Layout;
	/** From the installation's version files; empty when none could be read. */
	readonly version: string;
	readonly owners: ServiceOwners;
};

/** Where Wazuh installs itself: the 5.x manager, then the 4.x manager and every agent. */
export const defaultInstallFolders = ['/var/wazuh-manager', '/var/ossec'] as const;

/** The service accounts Wazuh's installer creates (`wazuh` up to 4.x and on agents, `wazuh-manager` on 5.x). */
const serviceAccounts = new Set(['wazuh', 'wazuh-manager', 'ossec']);

const isFile = (file: string): boolean => {
	try {
		return fs.lstatSync(file).isFile();
	} catch {
		return false;
	}
};

/**
 * What the programs in `bin/` say the folder is; undefined for a folder that is no Wazuh
 * installation. Each layout has its own names: the 5.x manager's `wazuh-manager-*`, an agent's
 * `wazuh-agentd`, a 4.x manager's `wazuh-analysisd` (and the `wazuh-control` both 4.x kinds have).
 */
function detectLayout(folder: string): Layout | undefined {
	const has = (layout: Layout, argument: string) => isFile(path.join(folder, programPath(layout, argument, 'binary')));
	if (has('manager-5', 'analysisd') || isFile(path.join(folder, 'bin', 'wazuh-manager-control'))) {
		return 'manager-5';
	}

	if (has('agent', 'agentd')) {
		return 'agent';
	}

	// A 4.x manager; its control script alone will do (an agent has agentd, checked above).
	return has('manager-4', 'analysisd') || isFile(path.join(folder, 'bin', 'wazuh-control')) ? 'manager-4' : undefined;
}

/** Ids of the accounts named in `file` (/etc/passwd or /etc/group: name:x:id:...). */
function accountIds(file: string): number[] {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').flatMap(line => {
			const [name, , id] = line.split(':');
			return name !== undefined && serviceAccounts.has(name) && id !== undefined && /^\d+$/.test(id) ? [Number(id)] : [];
		});
	} catch {
		return [];
	}
}

/**
 * Why a folder cannot be trusted to hold the daemons' programs, or undefined when it can: anyone
 * who can write into it, or into bin/, could plant a program there under a daemon's name.
 */
export function untrustedReason(folder: string, uid = process.getuid?.() ?? 0): string | undefined {
	for (const each of [folder, path.join(folder, 'bin')]) {
		let stats: fs.Stats;
		try {
			stats = fs.lstatSync(each);
		} catch {
			continue; // A missing bin/ holds nothing to plant into.
		}

		if (stats.isSymbolicLink()) {
			return `${each} is a symbolic link`;
		}

		if (stats.uid !== 0 && stats.uid !== uid) {
			return `${each} belongs to uid ${stats.uid}, neither root nor you`;
		}

		if ((stats.mode & 0o022) !== 0) {
			return `${each} is writable by group or others`;
		}
	}

	return undefined;
}

/** Reads what the folder is; undefined when it is no Wazuh installation. */
export function readInstallation(folder: string): Installation | undefined {
	const absolute = path.resolve(folder);
	const layout = detectLayout(absolute);
	if (layout === undefined) {
		return undefined;
	}

	let folderGid: number | undefined;
	try {
		folderGid = fs.lstatSync(absolute).gid;
	} catch {}

	// The installer gives the folder to the service group (root:wazuh 750): its members run daemons.
	const gids = [...new Set([...accountIds('/etc/group'), ...folderGid === undefined || folderGid === 0 ? [] : [folderGid]])];
	return {
		folder: absolute,
		layout,
		version: installedWazuhVersion(absolute),
		owners: {uids: [0, ...accountIds('/etc/passwd')], gids},
	};
}

/** The installations present on this host, in the order of `folders`. */
export function findInstallations(folders: readonly string[] = defaultInstallFolders): Installation[] {
	return folders.flatMap(folder => {
		const installation = readInstallation(folder);
		return installation === undefined ? [] : [installation];
	});
}
