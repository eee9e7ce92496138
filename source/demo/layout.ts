import fs from 'node:fs/promises';
import {constants} from 'node:fs';
import path from 'node:path';
import {fakeProgram} from './fake-program.js';
import {hostBash} from './host-bash.js';

/**
 * Where things live in a fleet dir, laid out like a Wazuh install folder, and how each process is
 * launched. Every fake runs on one copy of the host's bash, hard-linked under each daemon's name
 * in `bin/` (and as `framework/python/bin/python3` for the Python daemons): the kernel names the
 * process after the link (comm, argv[0]) and /proc/PID/exe shows the path inside the fleet dir,
 * which a symlink would not. The supervisor is this process's executable (node, or the single-file
 * build) through a symlink.
 */

export type Launch = {command: string; args: string[]};

export const supervisorName = 'wazuh-demo-supervisor';
const interpreterName = 'python3';
const decoyName = 'tail';
/** Mentions daemon names on purpose: a monitor must not take it for one. */
const decoyArguments = ['-f', '/var/ossec/logs/wazuh-analysisd.log', 'wazuh-db', 'wazuh_apid.py', 'wazuh-remoted'];

const reservedNames = new Set([supervisorName, interpreterName, decoyName]);

function isScriptDaemon(name: string): boolean {
	return name.endsWith('.py');
}

/**
 * Bash changes behaviour with the name it runs under: restricted as `rbash` (we refuse any name
 * starting with r, to be safe), POSIX mode as `sh`, a login shell when argv[0] starts with `-`.
 */
export function checkDaemonName(name: string): void {
	if (!/^[\w.-]+$/.test(name) || name.startsWith('.') || name.startsWith('-') || name.startsWith('r') || name === 'sh' || reservedNames.has(name)) {
		throw new Error(`Invalid fake daemon name: ${JSON.stringify(name)}`);
	}
}

const binPath = (dir: string, name: string) => path.join(dir, 'bin', name);
const bashCopy = (dir: string) => path.join(dir, '.bash-program');
const interpreterPath = (dir: string) => path.join(dir, 'framework', 'python', 'bin', interpreterName);
/** Binary daemons run this; the Python daemons' scripts hold the same program. */
const fakeScriptPath = (dir: string) => path.join(dir, 'fake.sh');

/** Same places as on a manager: the API (4.x `wazuh_apid.py`, 5.x `wazuh_manager_apid.py`) under api/scripts, the rest of the framework elsewhere. */
function scriptPath(dir: string, name: string): string {
	const folder = name.endsWith('_apid.py') ? 'api' : 'framework';
	return path.join(dir, folder, 'scripts', name);
}

/** Nothing but the program on the command line: no other daemon's name to confuse a matcher. */
export function daemonLaunch(dir: string, name: string): Launch {
	if (isScriptDaemon(name)) {
		return {command: interpreterPath(dir), args: [scriptPath(dir, name)]};
	}

	return {command: binPath(dir, name), args: [fakeScriptPath(dir)]};
}

/** Bash takes the script as its first argument and ignores the rest, which only show in argv. */
export function decoyLaunch(dir: string): Launch {
	return {command: binPath(dir, decoyName), args: [fakeScriptPath(dir), ...decoyArguments]};
}

/** `programArguments`: what makes the executable behind the symlink run the supervisor (programs.ts). */
export function supervisorLaunch(dir: string, programArguments: readonly string[]): Launch {
	return {command: binPath(dir, supervisorName), args: [...programArguments, dir]};
}

export const logPath = (dir: string) => path.join(dir, 'logs', 'fleet.log');

/**
 * The folders of the daemons' statistics (sockets, state files), with the modes Wazuh's installer
 * gives them (Wazuh's src/init/inst-functions.sh, `InstallCommon`), parents first; their owner is
 * whoever runs the demo.
 */
const statsFolders = [['queue', 0o750], ['queue/sockets', 0o770], ['queue/db', 0o750], ['var', 0o750], ['var/run', 0o770]] as const;

/** Copies bash, links it under every name, writes the fake program and the working folders. */
export async function createLayout(dir: string, names: readonly string[]): Promise<void> {
	const program = await fakeProgram();
	const scripts = names.filter(name => isScriptDaemon(name)).map(name => scriptPath(dir, name));
	const folders = ['bin', 'logs', 'status', path.dirname(interpreterPath(dir)), ...scripts.map(script => path.dirname(script))];
	await Promise.all(folders.map(async folder => fs.mkdir(path.resolve(dir, folder), {recursive: true})));
	for (const [folder, mode] of statsFolders) {
		await fs.mkdir(path.join(dir, folder), {mode});
		// mkdir's mode goes through the umask.
		await fs.chmod(path.join(dir, folder), mode);
	}

	// One copy, so every link shows an executable inside the fleet dir; readable and executable by
	// anyone, like an installed binary.
	await fs.copyFile(hostBash(), bashCopy(dir), constants.COPYFILE_FICLONE);
	await fs.chmod(bashCopy(dir), 0o755);
	const links = [decoyName, ...names.filter(name => !isScriptDaemon(name))].map(name => binPath(dir, name));
	if (scripts.length > 0) {
		links.push(interpreterPath(dir));
	}

	await Promise.all(links.map(async link => fs.link(bashCopy(dir), link)));
	await fs.symlink(process.execPath, binPath(dir, supervisorName));
	await Promise.all([fakeScriptPath(dir), ...scripts].map(async file => fs.writeFile(file, program, {mode: 0o644})));
	// Every installation has its control script: with it the folder reads as a Wazuh installation
	// of its layout even when the fleet runs a single daemon (installation.ts detectLayout).
	const control = names.some(name => /^wazuh[-_]manager[-_]/.test(name)) ? 'wazuh-manager-control' : 'wazuh-control';
	await fs.writeFile(binPath(dir, control), '#!/bin/sh\n# The simulated manager of wazuh-metrics --demo: nothing to control.\nexit 0\n', {mode: 0o755});
}
