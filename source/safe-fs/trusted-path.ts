import fs from 'node:fs/promises';
import type {Stats} from 'node:fs';
import path from 'node:path';
import {oneLine} from './errors.js';
import {chain, unsafeReason} from './safe-folder.js';

/*
 * Paths the tool reads from or connects to inside a Wazuh installation (the daemons' sockets and
 * state files), checked before each use. The tool runs as root: a socket or file that anyone but
 * root and the Wazuh service accounts could have put there is one where they choose what root
 * connects to or parses. Unlike safe-folder.ts (folders the tool writes), the owners here are the
 * installation's: Wazuh's `queue/sockets` is wazuh:wazuh 0770, `var/run` root:wazuh 0770, a socket
 * wazuh:wazuh 0660 (Wazuh's src/init/inst-functions.sh and src/os_net/os_net.c).
 */

/** Who may own what lies inside an installation: root always, and these accounts. */
export type TrustedOwners = {readonly uids: readonly number[]; readonly gids: readonly number[]};

/** The target of a check: a unix socket to connect to, or a regular file to read. */
export type TrustedKind = 'socket' | 'file';

/** A path refused by the checks below; `code` is EUNSAFE like the refusals of safe-folder.ts. */
export class UntrustedPathError extends Error {
	override readonly name = 'UntrustedPathError';
	readonly code = 'EUNSAFE';
}

/** Why an entry inside the installation is not to be trusted; undefined when it is. */
export function untrustedReason(stats: Stats, owners: TrustedOwners): string | undefined {
	if (stats.isSymbolicLink()) {
		return 'is a symbolic link';
	}

	if (stats.uid !== 0 && !owners.uids.includes(stats.uid)) {
		return `is owned by uid ${stats.uid}, neither root nor the Wazuh user`;
	}

	if ((stats.mode & 0o002) !== 0) {
		return 'is writable by other users';
	}

	if ((stats.mode & 0o020) !== 0 && stats.gid !== 0 && !owners.gids.includes(stats.gid)) {
		return `is writable by group ${stats.gid}, neither root nor the Wazuh group`;
	}

	return undefined;
}

const kindOk = (stats: Stats, kind: TrustedKind): boolean => (kind === 'socket' ? stats.isSocket() : stats.isFile());

function refuse(target: string, component: string, reason: string): UntrustedPathError {
	const culprit = component === target ? 'it' : oneLine(component);
	return new UntrustedPathError(`refusing ${oneLine(target)}: ${culprit} ${reason}`);
}

/**
 * lstat of every component of `target` (absolute, inside `root`), never following a link: the
 * folders above the installation as safe-folder.ts wants them (root's or ours, not writable by
 * others unless sticky), the installation and everything below it owned by root or `owners`,
 * writable by nobody else, and the target itself of `kind`. Resolves the target's lstat; rejects
 * with an UntrustedPathError, or with the system error of an lstat (ENOENT, EACCES).
 */
export async function checkTrustedPath(root: string, target: string, owners: TrustedOwners, kind: TrustedKind): Promise<Stats> {
	const relative = path.relative(root, target);
	if (!path.isAbsolute(root) || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
		throw new UntrustedPathError(`refusing ${oneLine(target)}: not inside ${oneLine(root)}`);
	}

	const components = chain(target);
	const inside = chain(root).length - 1;
	let stats: Stats | undefined;
	for (const [index, component] of components.entries()) {
		// One at a time, top down: a component is only looked into once its parent is trusted.
		stats = await fs.lstat(component);
		const last = index === components.length - 1;
		if (!last && !stats.isDirectory()) {
			throw refuse(target, component, stats.isSymbolicLink() ? 'is a symbolic link' : 'is not a directory');
		}

		const reason = index < inside ? unsafeReason(stats, false) : untrustedReason(stats, owners);
		if (reason !== undefined) {
			throw refuse(target, component, reason);
		}

		if (last && !kindOk(stats, kind)) {
			throw refuse(target, component, kind === 'socket' ? 'is not a socket' : 'is not a regular file');
		}
	}

	return stats!;
}
