import {textfileName} from '../../export/textfile.js';
import {byteUnits, diskUnits} from '../../model/units.js';
import {allArguments} from '../../wazuh/daemon-specs.js';
import {type CommandDef, helpOption} from './option-table.js';

/** Below it a sample holds a tick or two of CPU time: its CPU % is noise. */
const minimumSleep = 0.1;
/** A health check reads all of /proc. */
const minimumHealthcheck = 0.1;
/** Each round queries the daemons' sockets. */
const minimumStatsInterval = 1;

/** `wazuh-metrics [<process_name> ...] [options]`: the live view and the recorder. */
export const mainCommand: CommandDef = {
	summary: 'watch Wazuh daemons and their children live, and record every sample to CSV',
	usage: '[<process_name> ...] [options]',
	operand: {name: 'process_name', repeated: true, choices: allArguments()},
	description: [
		'With no process name, every Wazuh daemon that is running is watched. A daemon is the program installed in the Wazuh folder (/var/wazuh-manager for a 5.x manager, /var/ossec for 4.x and agents), run by root or the Wazuh user; the names resolve to what this host runs (analysisd is wazuh-manager-analysisd on a 5.x manager).',
		`Process names: ${allArguments().join(', ')}`,
	],
	repeated: 'refused',
	options: [
		{name: 'disk', value: 'PATH...', multiple: true, variadic: true, complete: 'path', help: 'Files or directories whose disk usage to track (one or more; repeatable)'},
		{
			name: 'sleep', short: 's', value: 'SECONDS', default: '1', defaultText: '1.0', help: `Time between samples, at least ${minimumSleep}`,
			details: `CPU time is counted in 10 ms clock ticks: below ${minimumSleep} s a sample holds a few ticks at most, and its CPU % is noise.`,
			minimum: {value: minimumSleep, why: 'CPU time is counted in 10 ms clock ticks, so a shorter interval gives noise'},
		},
		{name: 'units', short: 'u', value: 'UNIT', choices: byteUnits, anyCase: true, default: 'KB', help: 'Unit of the process byte values (1024-based), in any case'},
		{name: 'disk-unit', value: 'UNIT', choices: diskUnits, anyCase: true, default: 'GB', help: 'Unit of the disk sizes (1024-based), in any case'},
		{name: 'version', short: 'v', value: 'VERSION', optionalValue: 'alone', defaultText: 'the installed one, if found', help: 'Alone (no value): print this tool\'s version. With a value: the Wazuh version written into the CSVs'},
		{name: 'debug', short: 'd', help: 'Debug lines in the log file'},
		{
			name: 'healthcheck-time', short: 'H', value: 'SEC', default: '10',
			help: `Time between health checks, which find the daemons started or restarted since; at least ${minimumHealthcheck}`,
			minimum: {value: minimumHealthcheck, why: 'each health check reads all of /proc, so a shorter interval only burns CPU'},
		},
		{name: 'retries', short: 'r', value: 'N', default: '10', help: 'Failed health checks before a daemon is given up'},
		{
			name: 'store-process', value: 'DIR', complete: 'directory',
			defaultText: '/var/log/wazuh-metrics/<dd-mm-YYYY>/<epoch> as root, ~/.local/state/wazuh-metrics/<dd-mm-YYYY>/<epoch> for other users',
			help: 'Folder of the process CSVs',
			details: 'For other users the state folder is $STATE_DIRECTORY when it is set (a systemd service), else $XDG_STATE_HOME/wazuh-metrics when XDG_STATE_HOME is set (see ENVIRONMENT). With --demo: <state folder>/demo/<dd-mm-YYYY>/<epoch>, and for root ~/.local/state/wazuh-metrics/demo/<dd-mm-YYYY>/<epoch> (root\'s home from the password database), never /var/log/wazuh-metrics: a demo is not a recording of this host.',
		},
		{name: 'store-disk', value: 'DIR', complete: 'directory', defaultText: '<store-process>/files', help: 'Folder of the disk CSVs'},
		{
			name: 'stats-interval', value: 'SECONDS', default: '5',
			help: `Time between reads of the daemons' own statistics (events/s, queue fill, drops, queries), at least ${minimumStatsInterval}`,
			details: 'Wazuh rewrites its state files every 5 s by default (analysisd.state_interval, remoted.state_interval); each read also queries the daemons\' sockets, so a shorter interval loads the daemons being measured for counters that have not moved.',
			minimum: {value: minimumStatsInterval, why: 'each read queries the daemons\' sockets, and Wazuh rewrites its state files every 5 s'},
		},
		{name: 'no-stats', help: 'Do not read the daemons\' own statistics (sockets, state files)'},
		{name: 'store-stats', value: 'DIR', complete: 'directory', defaultText: '<store-process>/stats', help: 'Folder of the daemon statistics CSVs, in the formats Wazuh\'s own tools write'},
		{
			name: 'no-record',
			help: 'Record nothing (no CSV, no session folder): only serve --prometheus and/or write --textfile, which it needs. The log is still written',
			details: 'Refused with --store-process, --store-disk, --store-stats or --retain. The live screen still works (a view and an exporter).',
		},
		{
			name: 'retain', value: 'DAYS',
			help: 'At start and then daily, remove this tool\'s own session folders older than DAYS under the default state folder, and the day folders left empty',
			details: 'Only folders named and filled as this tool makes them, owned by the running user, never a link, never the running session; a folder started DAYS ago but written to since is kept. Each removal is a log line. Refused with --store-process (it cleans the default state folder only) and --no-record.',
		},
		{name: 'headless', help: 'No terminal UI: record, log, and print a status line per health check', details: 'Also when standard output is not a terminal.'},
		{
			name: 'batch', help: 'No full screen: print the table as plain text to standard output every sample (like top -b), and record as usual',
			details: 'One header line (time, host, Wazuh version, the host\'s load, CPU and memory, the recording), the column titles, one row per process, a blank line between samples; ASCII only, no escape code. No width limit, unless standard output is a terminal: then its width. Warnings go to standard error. Also chosen when standard output is a terminal that cannot move its cursor (TERM unset, empty, dumb, or a terminal without cursor addressing), unless --headless is given.',
		},
		{
			name: 'iterations', short: 'n', value: 'COUNT',
			help: 'Stop after COUNT samples, with exit status 0 (like top -n); with --batch or --headless (or without a terminal)',
			details: 'Refused with the live screen, which runs until q: add --batch or --headless.',
		},
		{name: 'ascii', help: 'Draw the screen with ASCII characters only (sparklines, lines, arrows, marks)', details: 'Also when the locale (LC_ALL, else LC_CTYPE, else LANG) does not name UTF-8: see docs/terminals.md.'},
		{name: 'install-dir', value: 'DIR', complete: 'directory', defaultText: 'those found in /var/wazuh-manager, /var/ossec', help: 'The Wazuh installation to watch'},
		{name: 'match-by-name', help: 'Also take any process named like a daemon, whoever started it and from wherever (the original script\'s rule). Risky: any local user can then make this tool watch and record a process of theirs, or hide a daemon'},
		{name: 'prometheus', value: '[ADDR:]PORT', help: 'Serve the latest sample at http://ADDR:PORT/metrics for Prometheus (text format, or OpenMetrics when asked). Only a port: 127.0.0.1, this host alone. Anyone who can connect reads what only root may read in /proc (io counters, memory maps)'},
		{name: 'prometheus-public', help: 'Allow --prometheus to listen on an address other hosts can reach (0.0.0.0, a LAN address); without it such an address is refused'},
		{name: 'textfile', value: 'DIR', complete: 'directory', help: `Write the same metrics to DIR/${textfileName} every sample (replaced whole, never seen half written), for node_exporter's textfile collector`},
		{
			name: 'demo', value: 'MAJOR', optionalValue: 'attached', choices: ['4', '5'],
			help: 'Start a simulated Wazuh 4.x manager (=5: a 5.x one) on this machine and watch it',
			details: 'It records like a real run, but into the user\'s own state folder (see --store-process; its log there too), never the system one, even as root, and its session.json says it is a demo (replay and report show DEMO). What starts is said at once on standard error; a slow start (a loaded machine) says how many daemons are up every 5 s and keeps waiting; a failed one exits 1 with the reason in the log and leaves no empty session folder.',
		},
		helpOption,
	],
	examples: [
		'wazuh-metrics --demo',
		'wazuh-metrics analysisd remoted db -s 0.5 --disk /var/ossec/logs/archives/archives.json',
		'wazuh-metrics apid clusterd --headless --store-process /root/load-test',
		'wazuh-metrics --headless --no-record --prometheus 127.0.0.1:9101',
		'wazuh-metrics --headless --retain 14',
	],
	environment: [
		['STATE_DIRECTORY', 'For a user other than root (a systemd service with StateDirectory=): the state folder, where the session folders go (and the log without LOGS_DIRECTORY), instead of ~/.local/state/wazuh-metrics; no home folder is needed. The first of its colon-separated paths; it must be absolute, an existing folder (not a link) of the running user that nobody else may write, else the run stops (exit 2). Ignored for root.'],
		['LOGS_DIRECTORY', 'For a user other than root (LogsDirectory=): the folder of wazuh-metrics.log, checked like STATE_DIRECTORY. Ignored for root.'],
		['XDG_STATE_HOME', 'For a user other than root, without STATE_DIRECTORY: the state folder is $XDG_STATE_HOME/wazuh-metrics (an absolute path only). Ignored for root.'],
	],
	exitStatus: [
		[0, 'The user quit, or the run was stopped by SIGINT, SIGTERM or SIGHUP.'],
		[1, 'A failure while running: every daemon watched has been given up, the demo could not start, the display or the tool crashed.'],
		[2, 'Bad input, said in one line on standard error: an unknown option, process name or unit, a bad value, a folder that cannot be written, an address --prometheus cannot listen on, no Wazuh daemon running.'],
	],
};
