import type {ListenAddress} from '../export/listen-address.js';
import type {ByteUnit, DiskUnit} from '../model/units.js';
import type {TerminalStyle} from '../ui/terminal-style.js';

/**
 * What a live run does, decided once by the command line (source/cli) and typed here: the session
 * never sees the command line's options, and nothing is encoded twice (whether there is a screen
 * is `display`, resolved from the flags, from whether stdout is a terminal and from its TERM).
 */
export type SessionConfig = {
	/** Daemon arguments or process names (`analysisd`); empty: every Wazuh daemon that is running. */
	readonly daemons: readonly string[];
	/** Paths whose disk usage is tracked. */
	readonly diskPaths: readonly string[];
	/** Seconds between samples. */
	readonly interval: number;
	readonly units: ByteUnit;
	readonly diskUnit: DiskUnit;
	/** The Wazuh version written into the CSVs; undefined: the installed one, when found. */
	readonly wazuhVersion: string | undefined;
	/** Seconds between health checks. */
	readonly healthcheckInterval: number;
	/** Failed health checks before a daemon is given up. */
	readonly retries: number;
	/**
	 * `screen`: the live screen. `batch`: no screen; the table as plain text on stdout every sample.
	 * `none`: no screen; status lines on stderr.
	 */
	readonly display: 'screen' | 'batch' | 'none';
	/** Samples before the run stops with exit 0 (`-n`); undefined: until stopped. Never with the screen. */
	readonly iterations: number | undefined;
	/** The simulated manager to start and watch (`--demo`, `--demo=5`); undefined: a real host. */
	readonly demo: 4 | 5 | undefined;
	/** The one Wazuh installation to watch; undefined: those found on the host. */
	readonly installDir: string | undefined;
	/** Any process named like a daemon, whoever runs it (the original's rule). */
	readonly matchByName: boolean;
	/** Where to serve GET /metrics; undefined: no endpoint. */
	readonly prometheus: ListenAddress | undefined;
	/** Folder of node_exporter's textfile collector; undefined: none. */
	readonly textfile: string | undefined;
	/** Seconds between reads of the daemons' own statistics; undefined: not read (`--no-stats`). */
	readonly statsInterval: number | undefined;
	/**
	 * Where the CSVs go, already checked writable (the statistics folder is made at its first row);
	 * undefined with --no-record: nothing is recorded, only exported.
	 */
	readonly folders: {readonly process: string; readonly disk: string | undefined; readonly stats: string} | undefined;
	/** The process folder is the default one made for this run (an empty one is removed on a failed start). */
	readonly defaultProcessFolder: boolean;
	/** --retain: our session folders under `root` (the default state root) older than `days` are removed, at start and daily. */
	readonly retain: {readonly root: string; readonly days: number} | undefined;
	/** The screen's character set and colours, from the locale, TERM, NO_COLOR and --ascii (terminal.ts). */
	readonly style: TerminalStyle;
};
