import path from 'node:path';
import {type DaemonSpec, extraSpecs, nameSpecs} from './daemons.js';
import type {Installation} from './installation.js';
import {layouts, programPath} from './reference.js';

/** The daemons of an installation, each matched by its program inside the folder and its owner. */
export function installedSpecs(installation: Installation): DaemonSpec[] {
	return nameSpecs(installation.layout).map(spec => ({
		...spec,
		identity: {
			program: path.join(installation.folder, programPath(installation.layout, spec.argument, spec.kind as 'binary' | 'script')),
			installFolder: installation.folder,
			owners: installation.owners,
		},
	}));
}

export type Resolution = {readonly specs: DaemonSpec[]; readonly unknown: string[]};

/**
 * The user's short arguments (`analysisd`, `db`, `apid`) or process names, resolved against what
 * the host runs: each installation's own names (`wazuh-manager-analysisd` on a 5.x manager).
 * With no argument: every daemon of every installation, and the extras.
 */
export function resolveArguments(names: readonly string[], candidates: readonly DaemonSpec[]): Resolution {
	const all = [...candidates, ...extraSpecs];
	if (names.length === 0) {
		return {specs: all, unknown: []};
	}

	const specs: DaemonSpec[] = [];
	const unknown: string[] = [];
	for (const name of names) {
		const found = all.filter(spec => spec.argument === name || spec.name === name);
		if (found.length === 0) {
			unknown.push(name);
		}

		for (const spec of found) {
			if (!specs.includes(spec)) {
				specs.push(spec);
			}
		}
	}

	return {specs, unknown};
}

/** Specs for these installations; with none, the 4.x manager's and the agent's names (never by name without asking). */
export function candidateSpecs(installations: readonly Installation[], byName: boolean): DaemonSpec[] {
	if (byName) {
		const layouts = installations.length === 0 ? (['manager-4', 'agent'] as const) : installations.map(each => each.layout);
		const specs = [...new Set(layouts)].flatMap(layout => nameSpecs(layout));
		// An agent and a 4.x manager share some names: keep one spec per process name.
		return specs.filter((spec, index) => specs.findIndex(other => other.name === spec.name) === index);
	}

	return installations.flatMap(installation => installedSpecs(installation));
}

/** Every process name of every layout, and the extras: what a user may type. */
const everyNameSpec: readonly DaemonSpec[] = [...layouts.flatMap(layout => nameSpecs(layout)), ...extraSpecs];

/** The short argument for what the user typed (`analysisd`, `wazuh-analysisd`, `wazuh-manager-analysisd`), in any layout. */
export function argumentOf(typed: string): string | undefined {
	return everyNameSpec.find(spec => spec.argument === typed || spec.name === typed)?.argument;
}

/** Every short argument, for messages and --help. */
export function allArguments(): string[] {
	return [...new Set(everyNameSpec.map(spec => spec.argument))].sort();
}
