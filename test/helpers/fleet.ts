import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {launchFleet, type Fleet as ProductFleet, type FleetOptions} from '../../source/demo/fleet.js';

export {demoManager, demoManager5, type FakeDaemon, type Shape} from '../../source/demo/fleet.js';
export {readFakeStatus, type FakeStatus} from './fake-status.js';

/**
 * The demo fleet as tests drive it: the product's fleet (source/demo/fleet.ts) under the suite's
 * own supervisor, demo-supervisor.mjs, which also takes the requests below; the product's
 * supervisor refuses them.
 */
export type Fleet = ProductFleet & {
	/** Current pid of a fake daemon's main process; undefined while it is down. */
	pidOf(name: string): number | undefined;
	readonly decoyPid: number | undefined;
	/** SIGKILLs the daemon and its children, starts it again; resolves with the new pid once ready. */
	restart(name: string): Promise<number>;
	/** Kills without restarting (default SIGTERM); resolves once it and its children are gone. */
	kill(name: string, signal?: NodeJS.Signals): Promise<void>;
	/** Starts a killed daemon again (resolves with the running pid if it is already up). */
	start(name: string): Promise<number>;
};

/** What demo-supervisor.mjs takes beyond the product's requests. */
export type TestRequest = {op: 'start' | 'restart'; name: string} | {op: 'kill'; name: string; signal: NodeJS.Signals};

const supervisorScript = fileURLToPath(new URL('demo-supervisor.mjs', import.meta.url));
/** The compiled supervisor that demo-supervisor.mjs extends (plain node runs it, not tsx). */
const supervisorCore = fileURLToPath(new URL('../../dist/demo/supervisor-core.js', import.meta.url));

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
	if (!fs.existsSync(supervisorCore)) {
		throw new Error(`The test fleet needs ${supervisorCore}: run npm run build first`);
	}

	const {fleet, client} = await launchFleet<TestRequest>(options, {supervisor: [supervisorScript]});
	const pidOrThrow = (name: string) => (pid: number | undefined) => {
		if (pid === undefined) {
			throw new Error(`${name} did not report a pid`);
		}

		return pid;
	};

	return {
		...fleet,
		pidOf: name => client.pids[name] ?? undefined,
		get decoyPid() {
			return client.decoyPid;
		},
		restart: async name => client.request({op: 'restart', name}).then(pidOrThrow(name)),
		async kill(name, signal = 'SIGTERM') {
			await client.request({op: 'kill', name, signal});
		},
		start: async name => client.request({op: 'start', name}).then(pidOrThrow(name)),
	};
}
