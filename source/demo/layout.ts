import fs from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/**
 * Where things live in a fleet dir, and how each process is launched. Every launch goes through a
 * symlink to node in `<dir>/bin`, so the kernel names the process after the symlink (comm, argv[0])
 * while it still runs our JavaScript.
 */

export type Launch = {command: string; args: string[]};

export const supervisorName = 'wazuh-demo-supervisor';
const interpreterName = 'python3';
const decoyName = 'tail';
/** Mentions daemon names on purpose: a monitor must not take it for one. */
export const decoyArguments = ['-f', '/var/ossec/logs/wazuh-analysisd.log', 'wazuh-db', 'wazuh_apid.py', 'wazuh-remoted'];

const reservedNames = new Set([supervisorName, interpreterName, decoyName]);

export function isScriptDaemon(name: string): boolean {
	return name.endsWith('.py');
}

export function checkDaemonName(name: string): void {
	if (!/^[\w.-]+$/.test(name) || name.startsWith('.') || reservedNames.has(name)) {
		throw new Error(`Invalid fake daemon name: ${JSON.stringify(name)}`);
	}
}

const binPath = (dir: string, name: string) => path.join(dir, 'bin', name);

/** Same places as on a manager: the API under api/scripts, the rest of the framework elsewhere. */
function scriptPath(dir: string, name: string): string {
	const folder = name === 'wazuh_apid.py' ? 'api' : 'framework';
	return path.join(dir, folder, 'scripts', name);
}

export function daemonLaunch(dir: string, name: string, fakeProgram: string): Launch {
	if (isScriptDaemon(name)) {
		return {command: binPath(dir, interpreterName), args: [scriptPath(dir, name)]};
	}

	return {command: binPath(dir, name), args: [fakeProgram]};
}

/** Node reads its own options up to the script, so the fake program has to come before `-f`. */
export function decoyLaunch(dir: string, fakeProgram: string): Launch {
	return {command: binPath(dir, decoyName), args: [fakeProgram, ...decoyArguments]};
}

export function supervisorLaunch(dir: string, supervisorProgram: string): Launch {
	return {command: binPath(dir, supervisorName), args: [supervisorProgram, dir]};
}

export const logPath = (dir: string) => path.join(dir, 'logs', 'fleet.log');

/** Creates bin symlinks, the script files and the working folders for these daemons. */
export async function createLayout(dir: string, names: readonly string[], fakeProgram: string): Promise<void> {
	await Promise.all(['bin', 'logs', 'status'].map(async folder => fs.mkdir(path.join(dir, folder), {recursive: true})));
	// Scripts are JavaScript with a .py name: a commonjs package.json makes node run them as CJS
	// even when the fleet dir sits inside an ESM package.
	await fs.writeFile(path.join(dir, 'package.json'), '{"type":"commonjs"}\n');
	const links = new Set([supervisorName, decoyName, ...names.map(name => isScriptDaemon(name) ? interpreterName : name)]);
	await Promise.all([...links].map(async link => fs.symlink(process.execPath, binPath(dir, link))));
	const script = `// Stand-in for a Wazuh Python daemon: loads the demo's fake program.\n`
		+ `import(${JSON.stringify(pathToFileURL(fakeProgram).href)}).catch(error => {\n`
		+ `\tconsole.error(error);\n\tprocess.exit(1);\n});\n`;
	await Promise.all(names.filter(name => isScriptDaemon(name)).map(async name => {
		const file = scriptPath(dir, name);
		await fs.mkdir(path.dirname(file), {recursive: true});
		await fs.writeFile(file, script);
	}));
}
