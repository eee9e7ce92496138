import type {DaemonSpec} from '../wazuh/daemons.js';
import {candidateSpecs, resolveArguments} from '../wazuh/daemon-specs.js';
import {defaultInstallFolders, findInstallations, type Installation, readInstallation, untrustedReason} from '../wazuh/installation.js';
import {layoutLabels} from '../wazuh/reference.js';

export type DaemonRequest = {
	/** Short arguments or process names; empty = every daemon found running. */
	readonly daemons: readonly string[];
	/** One installation to watch; else those found in `installFolders`. */
	readonly installDir: string | undefined;
	readonly matchByName: boolean;
	/** Where to look for installations (tests: a simulated host). Default /var/wazuh-manager, /var/ossec. */
	readonly installFolders?: readonly string[];
};

export type DaemonChoice =
	| {readonly ok: true; readonly specs: DaemonSpec[]; readonly installations: Installation[]; readonly description: string}
	| {readonly ok: false; readonly error: string};

const describe = (installations: readonly Installation[]): string =>
	installations.map(each => `${layoutLabels[each.layout]} in ${each.folder}${each.version === '' ? '' : ` (${each.version})`}`).join(', ');

/**
 * Which daemons to watch, from what the host has installed (the Wazuh 5 issue): the user's short
 * arguments resolve to the installation's own process names, and each daemon is matched by its
 * program and owner; `--match-by-name` falls back to the original's name rule.
 */
export function chooseDaemons(request: DaemonRequest): DaemonChoice {
	let installations: Installation[];
	if (request.installDir === undefined) {
		installations = findInstallations(request.installFolders ?? defaultInstallFolders);
	} else {
		const found = readInstallation(request.installDir);
		if (found === undefined) {
			return {ok: false, error: `${request.installDir} is no Wazuh installation (none of bin/wazuh-manager-control, bin/wazuh-control, bin/wazuh-agentd in it)`};
		}

		installations = [found];
	}

	for (const installation of installations) {
		const reason = untrustedReason(installation.folder);
		if (reason !== undefined && !request.matchByName) {
			return {ok: false, error: `refusing the Wazuh installation in ${installation.folder}: ${reason}, so anyone could plant a daemon there`};
		}
	}

	if (installations.length === 0 && !request.matchByName && request.daemons.some(name => !['indexer', 'dashboard'].includes(name))) {
		const looked = (request.installFolders ?? defaultInstallFolders).join(', ');
		return {ok: false, error: `no Wazuh installation found (looked in ${looked}); name one with --install-dir, or try --demo to see a simulated manager`};
	}

	const {specs, unknown} = resolveArguments(request.daemons, candidateSpecs(installations, request.matchByName));
	if (unknown.length > 0) {
		const here = installations.length === 0 ? 'this host' : describe(installations);
		return {ok: false, error: `${unknown.join(', ')}: not a daemon of ${here}`};
	}

	return {ok: true, specs, installations, description: installations.length === 0 ? 'no Wazuh installation' : describe(installations)};
}
