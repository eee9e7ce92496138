/**
 * A simulated Wazuh daemon (run through a symlink named like the daemon, see layout.ts). It does
 * what its shape asks (CPU, memory, fds, writes, children), reports in its status file, prints the
 * ready line once set up, and dies with its parent. It never writes to the terminal.
 */
import path from 'node:path';
import {burnCpu} from './fake/cpu.js';
import {churnChildren, startWorkers, stopSpawning} from './fake/children.js';
import type {Counters} from './fake/counters.js';
import {holdFds} from './fake/fds.js';
import {growMemory, holdMemory} from './fake/memory.js';
import {writeSteadily} from './fake/writer.js';
import {exitWithParent, onTerminate} from './lifeline.js';
import {dirEnv, lifeEnv, readyLine, shapeEnv} from './protocol.js';
import type {Shape} from './shape.js';
import {terminateAll} from './spawn-fake.js';
import {StatusFile} from './status.js';

let shuttingDown = false;
let status: StatusFile | undefined;

/** Reaps our own children before leaving, so none is orphaned (or left a zombie). */
async function shutdown(): Promise<void> {
	if (shuttingDown) {
		return;
	}

	shuttingDown = true;
	await terminateAll(stopSpawning(), 1000);
	status?.remove();
	process.exit(0);
}

// First of all, so that a parent dying during start-up still takes us down.
onTerminate(() => void shutdown());
exitWithParent(() => void shutdown());

function readShape(): Shape {
	try {
		const shape: unknown = JSON.parse(process.env[shapeEnv] ?? '{}');
		return typeof shape === 'object' && shape !== null ? shape : {};
	} catch {
		return {};
	}
}

/** The name a monitor would see: the script for interpreters, else the executable. */
function ownName(): string {
	const executable = path.basename(process.argv0);
	const script = process.argv[1];
	return executable.startsWith('python') && script ? path.basename(script) : executable;
}

const shape = readShape();
const dir = process.env[dirEnv] ?? path.dirname(path.dirname(process.argv0));
const name = ownName();
const counters: Counters = {extraFds: 0, bytesWritten: 0, memoryBytes: 0, children: []};
status = new StatusFile(dir, process.pid);
const publish = () => {
	status?.write({pid: process.pid, name, ...counters});
};

holdMemory(shape.memoryMb, counters);
holdFds(shape.fds, shape.fdChurn, counters, publish);
await startWorkers(shape.children, shape.childShape, counters, publish);
burnCpu(shape);
growMemory(shape.memoryGrowthMbPerMin, counters, publish);
writeSteadily(shape.writeBytesPerSec, dir, name, counters, publish);
churnChildren(shape.childChurn);
publish();
process.stdout.write(`${readyLine}\n`);

const lifeMs = Number(process.env[lifeEnv]);
if (lifeMs >= 0) {
	setTimeout(() => void shutdown(), lifeMs);
}
