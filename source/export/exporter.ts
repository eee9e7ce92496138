import type {StatsSnapshot} from '../model/daemon-stats.js';
import type {DiskSnapshot, Snapshot} from '../model/snapshot.js';
import {type ExportInfo, collectFamilies} from './families.js';
import {type ExpositionFormat, renderExposition} from './exposition.js';

/**
 * The exposition's view of the run: the latest snapshots it was handed, rendered at most once per
 * snapshot and format, however many scrapes come in between. A consumer like the recorder and the
 * UI: it is given snapshots and never reaches back to the collector.
 */
export class Exporter {
	private snapshot: Snapshot | undefined;
	private disk: DiskSnapshot | undefined;
	private stats: StatsSnapshot | undefined;
	private readonly cache = new Map<ExpositionFormat, string>();

	constructor(private readonly info: ExportInfo) {}

	update(snapshot: Snapshot): void {
		this.snapshot = snapshot;
		this.cache.clear();
	}

	updateDisk(snapshot: DiskSnapshot): void {
		this.disk = snapshot;
		this.cache.clear();
	}

	updateStats(snapshot: StatsSnapshot): void {
		this.stats = snapshot;
		this.cache.clear();
	}

	/** The exposition of the latest snapshots; before the first tick, only the run's `_info`. */
	render(format: ExpositionFormat): string {
		let text = this.cache.get(format);
		if (text === undefined) {
			text = renderExposition(collectFamilies({info: this.info, snapshot: this.snapshot, disk: this.disk, stats: this.stats}), format);
			this.cache.set(format, text);
		}

		return text;
	}
}
