/** Everything one run measured; `summary.ts` turns it into the table and the JSON line. */
import type {Machine} from './machine.js';
import type {DaemonStatsResult} from './sections/daemon-stats.js';
import type {FootprintRow} from './sections/footprint.js';
import type {DiscoveryResult} from './sections/discovery.js';
import type {HugeDirResult} from './sections/huge-dir.js';
import type {MemoryResult} from './sections/memory.js';
import type {OverheadRow} from './sections/recorder-overhead.js';
import type {SampleCost} from './sections/sample-cost.js';
import type {UiResult} from './sections/ui.js';
import type {Settings} from './settings.js';

export type Section = 'sample' | 'recorder' | 'discovery' | 'ui' | 'memory' | 'huge-dir' | 'daemon stats' | 'footprint';

export type Results = {
	readonly settings: Settings;
	readonly machine: Machine;
	/** How the fleet and the floor were made: `C`, or the fallbacks. */
	hog: string;
	floor: string;
	psutil: string;
	sampleCosts: SampleCost[];
	recorders: OverheadRow[];
	discoveries: DiscoveryResult[];
	memory: MemoryResult[];
	hugeDir: HugeDirResult | undefined;
	ui: UiResult[];
	/** What reading the daemons' own statistics costs (sections/daemon-stats.ts). */
	daemonStats: DaemonStatsResult | undefined;
	/** The observer's own footprint, side by side with psutil, pidstat, the floor, htop, btop (sections/footprint.ts). */
	footprint: FootprintRow[];
	/** Why a section (or a part of it, `sample 100 mixed`) could not be measured. */
	problems: Array<{readonly section: Section; readonly what: string; readonly why: string}>;
	seconds: number;
	loadAverageEnd: string;
};
