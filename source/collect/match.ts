import path from 'node:path';
import type {DaemonIdentity, DaemonSpec} from '../wazuh/daemons.js';

/** What discovery knows of a process when deciding whether it is a daemon. */
export type ProcessIdentity = {
	/** From /proc/PID/stat: the executable name cut to 15 characters. */
	readonly comm: string;
	/** From /proc/PID/cmdline; empty for kernel threads. */
	readonly argv: readonly string[];
	/** Basename of the /proc/PID/exe target, when it could be read. */
	readonly exe?: string | undefined;
	/** The whole /proc/PID/exe target (without ` (deleted)`), when it could be read. */
	readonly exePath?: string | undefined;
	/** Effective uid and gid, from /proc/PID/status. */
	readonly owner?: {readonly uid: number; readonly gid: number} | undefined;
	/** /proc/PID/cwd, to resolve a script given by a relative path. */
	readonly cwd?: string | undefined;
};

/** The kernel keeps 15 bytes of the executable name in comm. */
const commLength = 15;

/** Python options that take the next argument as their value. */
const pythonOptionsWithValue = new Set(['-W', '-X', '-Q']);

/** The script a Python command line runs: its first argument that is not an option. */
export function pythonScript(argv: readonly string[]): string | undefined {
	for (let index = 1; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '-c' || argument === '-m' || argument === '-') {
			return undefined; // Code or a module, not a script file.
		}

		if (pythonOptionsWithValue.has(argument)) {
			index++;
		} else if (!argument.startsWith('-')) {
			return argument;
		}
	}

	return undefined;
}

const argv0Name = (identity: ProcessIdentity): string | undefined =>
	identity.argv[0] === undefined ? undefined : path.basename(identity.argv[0]);

function runsInterpreter(identity: ProcessIdentity, prefix: string): boolean {
	return [argv0Name(identity), identity.exe].some(name => name?.startsWith(prefix) ?? false);
}

/** Root or the Wazuh service user: a process of anyone else is never a genuine daemon. */
function runByService(identity: ProcessIdentity, owners: DaemonIdentity['owners']): boolean {
	const {owner} = identity;
	return owner !== undefined && (owners.uids.includes(owner.uid) || owners.gids.includes(owner.gid));
}

/** The script a Python process runs, as an absolute path (a relative one is resolved against its cwd). */
function scriptPath(identity: ProcessIdentity): string | undefined {
	const script = pythonScript(identity.argv);
	if (script === undefined || path.isAbsolute(script)) {
		return script;
	}

	return identity.cwd === undefined ? undefined : path.resolve(identity.cwd, script);
}

/**
 * A daemon of a detected installation is what is installed, not a name anyone can take: its
 * executable is the daemon's binary inside the install folder (a script daemon: a Python
 * interpreter running the script inside it), run by root or the Wazuh service user. Returns why a
 * process is not that daemon, or undefined when it is.
 */
export function whyNotInstalled(spec: DaemonSpec, installed: DaemonIdentity, identity: ProcessIdentity): string | undefined {
	if (spec.kind === 'binary') {
		// Without root, another user's /proc/PID/exe cannot be read: then argv[0] stands for it. That
		// is no weaker where it matters: only root or the service user can start a process that passes
		// the owner check below, and they could run any program under that name anyway.
		const program = identity.exePath ?? identity.argv[0];
		if (program !== installed.program) {
			return `its program is ${program ?? '(unreadable)'}, not ${installed.program}`;
		}
	} else if (!runsInterpreter(identity, 'python')) {
		return 'it is not a Python interpreter';
	} else if (scriptPath(identity) !== installed.program) {
		return `it runs ${scriptPath(identity) ?? '(no script)'}, not ${installed.program}`;
	}

	return runByService(identity, installed.owners) ? undefined : `it runs as uid ${identity.owner?.uid ?? '(unreadable)'}, neither root nor the Wazuh service user`;
}

function matchesInstalled(spec: DaemonSpec, installed: DaemonIdentity, identity: ProcessIdentity): boolean {
	// Cheap test first for binaries: comm is the binary's name cut to 15 characters.
	if (spec.kind === 'binary' && identity.comm !== path.basename(installed.program).slice(0, commLength)) {
		return false;
	}

	return whyNotInstalled(spec, installed, identity) === undefined;
}

/**
 * Exact matching (docs/recording.md, "Process reference"): never a substring of arbitrary arguments, so `tail -f
 * wazuh-analysisd.log`, an editor or this tool itself cannot match, and `wazuh-db` never matches
 * `wazuh-dbd`. A spec with an identity (a detected installation) matches only what is installed.
 */
export function matchesDaemon(spec: DaemonSpec, identity: ProcessIdentity): boolean {
	if (spec.identity !== undefined && (spec.kind === 'binary' || spec.kind === 'script')) {
		return matchesInstalled(spec, spec.identity, identity);
	}

	switch (spec.kind) {
		case 'binary': {
			if (spec.name.length <= commLength) {
				return identity.comm === spec.name;
			}

			// Comm is cut: confirm the full name with argv[0] or the executable.
			return (
				identity.comm === spec.name.slice(0, commLength)
				&& (argv0Name(identity) === spec.name || identity.exe === spec.name)
			);
		}

		case 'script': {
			if (!runsInterpreter(identity, 'python')) {
				return false;
			}

			const script = pythonScript(identity.argv);
			return script !== undefined && path.basename(script) === spec.name;
		}

		case 'jvm': {
			// Wazuh's indexer sets its home as a system property: -Dopensearch.path.home=/usr/share/wazuh-indexer
			const home = spec.home!;
			return (
				runsInterpreter(identity, 'java')
				&& identity.argv.some(argument => argument.startsWith('-D') && (argument.endsWith(`=${home}`) || argument.endsWith(`=${home}/`)))
			);
		}

		case 'node': {
			// The dashboard runs /usr/share/wazuh-dashboard/node/bin/node .../src/cli/dist
			const home = `${spec.home!}/`;
			const under = (value: string | undefined): boolean => value !== undefined && path.normalize(value).startsWith(home);
			const script = identity.argv.slice(1).find(argument => !argument.startsWith('-'));
			return runsInterpreter(identity, 'node') && (under(identity.argv[0]) || under(script));
		}
	}
}

/**
 * Cheap filter on comm alone, so cmdline is read only for processes that could match: the
 * daemons' names (or their 15-character cut), interpreters.
 */
export function commFilter(specs: readonly DaemonSpec[]): (comm: string) => boolean {
	const names = new Set<string>();
	const interpreters: string[] = [];
	for (const spec of specs) {
		switch (spec.kind) {
			case 'binary': {
				names.add(spec.name.slice(0, commLength));
				break;
			}

			case 'script': {
				interpreters.push('python');
				break;
			}

			case 'jvm': {
				interpreters.push('java');
				break;
			}

			case 'node': {
				interpreters.push('node');
				break;
			}
		}
	}

	// An interpreter's comm is its executable's name unless the program renamed itself, as
	// dashboards built on Node may (process.title): let those through too; cmdline decides.
	const dashboards = interpreters.includes('node');
	return comm =>
		names.has(comm) || interpreters.some(prefix => comm.startsWith(prefix)) || (dashboards && comm.includes('dashboard'));
}
