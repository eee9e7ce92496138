import {Carry, jitter, loadFactor} from './load.js';
import {DaemonModel, type ModelSetup, okReply} from './model.js';
import {Counters, leafPaths, renderTree, type Tree} from './tree.js';
import {type WdbVersion, wdbTree, wdbWorkload} from './wazuh-db-trees.js';

type Work = {query: string; time: string; share: number; costMs: number; carry: Carry; ms: number};

const defaultRate = 30;

/** wazuh-db as the demo simulates it: queries of a steady workload, their execution time summed. */
export class WazuhDbModel extends DaemonModel {
	readonly counters = new Counters();
	readonly #tree: Tree;
	readonly #work: Work[];

	constructor(setup: ModelSetup, version: WdbVersion) {
		super(setup);
		this.#tree = wdbTree(version);
		const paths = new Set(leafPaths(this.#tree));
		const known = wdbWorkload.filter(([path]) => paths.has(`queries.received_breakdown.${path}`));
		const total = known.reduce((sum, [, share]) => sum + share, 0);
		this.#work = known.map(([path, share, costMs]) => ({
			query: `queries.received_breakdown.${path}`,
			time: `time.execution_breakdown.${path}`,
			share: share / total,
			costMs,
			carry: new Carry(),
			ms: 0,
		}));
	}

	protected step(second: number): void {
		const queries = jitter(this.noise, (this.setup.stats.rate ?? defaultRate) * loadFactor(this.setup.shape, second), 0.15);
		for (const work of this.#work) {
			const count = work.carry.take(queries * work.share);
			this.counters.add(work.query, count);
			work.ms += count * jitter(this.noise, work.costMs, 0.4);
			// Wazuh sums whole milliseconds of each query's timeval.
			this.counters.set(work.time, Math.floor(work.ms));
		}
	}

	getstats(now: number): string {
		this.advanceTo(now);
		return okReply(this, 'wazuh-db', now, renderTree(this.#tree, this.counters.values));
	}
}
