import {Exporter} from '../export/exporter.js';
import type {ExportInfo} from '../export/families.js';
import {MetricsServer} from '../export/metrics-server.js';
import {TextfileWriter} from '../export/textfile.js';
import type {StatsSnapshot} from '../model/daemon-stats.js';
import type {DiskSnapshot, Snapshot} from '../model/snapshot.js';
import type {Notice, NoticeKind} from '../model/feed.js';
import type {Logger} from '../recorder/logger.js';
import {describeError, FolderError} from '../safe-fs/errors.js';
import type {SessionConfig} from './config.js';

type Tell = (kind: NoticeKind, level: Notice['level'], message: string) => void;

/**
 * The Prometheus endpoint and the textfile, when asked for: one more consumer of the snapshots,
 * like the recorder and the screen. Bound and checked before sampling starts, so a port in use or
 * an unsafe folder is bad input; a textfile write that fails is told once, and its end too.
 */
export class ExportOutputs {
	/** The outputs, or the one line saying why they cannot start (bad input). Undefined outputs: none asked for. */
	static async start(config: SessionConfig, info: ExportInfo, logger: Logger, say: (line: string) => void, tell: Tell): Promise<ExportOutputs | undefined | {refused: string}> {
		const {prometheus, textfile} = config;
		if (prometheus === undefined && textfile === undefined) {
			return undefined;
		}

		const outputs = new ExportOutputs(new Exporter(info), tell);
		if (textfile !== undefined) {
			const writer = new TextfileWriter(textfile);
			try {
				writer.open();
			} catch (error) {
				return {refused: `--textfile: ${error instanceof FolderError ? error.message : `cannot use ${writer.folder}: ${describeError(error)}`}`};
			}

			outputs.textfile = writer;
		}

		if (prometheus !== undefined) {
			const server = new MetricsServer({
				address: prometheus,
				render: format => outputs.exporter.render(format),
				onError: message => {
					logger.warn(message);
				},
			});
			try {
				const bound = await server.start();
				outputs.server = server;
				say(`serving metrics at http://${bound}/metrics`);
				logger.info(`serving metrics at http://${bound}/metrics`);
			} catch (error) {
				outputs.textfile?.close();
				return {refused: (error as Error).message};
			}
		}

		return outputs;
	}

	private server: MetricsServer | undefined;
	private textfile: TextfileWriter | undefined;
	/** The last textfile write error told, so a failing write is told once, and its end too. */
	private textfileError: string | undefined;

	private constructor(private readonly exporter: Exporter, private readonly tell: Tell) {}

	snapshot(snapshot: Snapshot): void {
		this.exporter.update(snapshot);
		if (this.textfile !== undefined) {
			this.writeTextfile(this.textfile, this.exporter.render('text'));
		}
	}

	stats(snapshot: StatsSnapshot): void {
		this.exporter.updateStats(snapshot);
	}

	disk(snapshot: DiskSnapshot): void {
		this.exporter.updateDisk(snapshot);
	}

	async close(): Promise<void> {
		await this.server?.close();
		this.textfile?.close();
	}

	private writeTextfile(writer: TextfileWriter, text: string): void {
		try {
			writer.write(text);
			if (this.textfileError !== undefined) {
				this.textfileError = undefined;
				this.tell('textfile-resumed', 'info', `writing ${writer.file} again`);
			}
		} catch (error) {
			const message = (error as Error).message;
			if (message !== this.textfileError) {
				this.textfileError = message;
				this.tell('textfile-failed', 'error', `${message}; monitoring goes on`);
			}
		}
	}
}
