import type {DaemonLoad} from './stats-rates.js';

/** From this fill on, a queue is said to be nearly full (and said again only after it went below). */
export const fullQueue = 0.9;

/**
 * What a daemon's statistics say that needs a look, each said once per episode: a queue at 90 %
 * or more (`wazuh-analysisd: syscheck queue 93 % full`), drops (`wazuh-analysisd: dropping 40
 * events/s`), an agent disconnected from its manager. An episode ends when the condition does.
 */
export class StatsAlerts {
	private readonly open = new Set<string>();

	/** The messages of the episodes that start with these loads. */
	check(loads: Iterable<DaemonLoad>): string[] {
		const said: string[] = [];
		const now = new Set<string>();
		const raise = (key: string, message: string): void => {
			now.add(key);
			if (!this.open.has(key)) {
				said.push(message);
			}
		};

		for (const load of loads) {
			if (!load.up) {
				continue;
			}

			for (const [queue, usage] of Object.entries(load.queues)) {
				if (usage >= fullQueue) {
					raise(`${load.daemon} queue ${queue}`, `${load.daemon}: ${queue} queue ${Math.floor(usage * 100)} % full`);
				}
			}

			const dropped = load.values.eventsDropped ?? load.values.messagesDiscarded ?? load.values.logDrops;
			if (dropped !== undefined && dropped > 0) {
				const what = load.values.messagesDiscarded === undefined ? 'events' : 'messages';
				raise(`${load.daemon} drops`, `${load.daemon}: dropping ${formatRate(dropped)} ${what}/s`);
			}

			if (load.values.agentConnected === 0) {
				raise(`${load.daemon} disconnected`, `${load.daemon}: the agent is not connected to its manager`);
			}
		}

		for (const key of this.open) {
			if (!now.has(key)) {
				this.open.delete(key);
			}
		}

		for (const key of now) {
			this.open.add(key);
		}

		return said;
	}
}

/** A rate for a sentence: `40`, `2.5`, `0.3`. */
function formatRate(value: number): string {
	return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
