import {StatsCollector} from '../collect/stats/stats-collector.js';
import type {StatsSnapshot} from '../model/daemon-stats.js';
import {StatsAlerts} from '../model/stats-alerts.js';
import {StatsRates} from '../model/stats-rates.js';
import {StatsRecorder} from '../recorder/stats-recorder.js';
import type {Installation} from '../wazuh/installation.js';

/**
 * The daemons' own statistics in a live run: the collector on its own cadence, its rounds
 * recorded in Wazuh's formats and handed on (feed, exporter), and what needs a look said once per
 * episode (a full queue, drops, a disconnected agent).
 */
export class StatsWiring {
	private readonly collector: StatsCollector;
	private readonly recorder: StatsRecorder | undefined;
	private readonly rates = new StatsRates();
	private readonly alerts = new StatsAlerts();

	constructor(
		options: {readonly installations: readonly Installation[]; readonly interval: number; readonly daemons: readonly string[]; readonly folder: string | undefined},
		handlers: {readonly snapshot: (snapshot: StatsSnapshot) => void; readonly alert: (message: string) => void; readonly warning: (message: string) => void},
	) {
		this.collector = new StatsCollector({installations: options.installations, interval: options.interval, daemons: options.daemons});
		// No folder (--no-record): read and handed on, not recorded.
		this.recorder = options.folder === undefined ? undefined : new StatsRecorder({folder: options.folder});
		this.collector.on('snapshot', snapshot => {
			this.recorder?.writeSnapshot(snapshot);
			handlers.snapshot(snapshot);
			for (const message of this.alerts.check(snapshot.daemons.map(daemon => this.rates.add(daemon)))) {
				handlers.alert(message);
			}
		});
		this.collector.on('warning', handlers.warning);
	}

	/** The daemons whose statistics are read (none: nothing to start). */
	get daemons(): readonly string[] {
		return this.collector.daemons;
	}

	start(): void {
		this.collector.start();
	}

	async stop(): Promise<void> {
		await this.collector.stop();
		this.recorder?.close();
	}
}
