import {textfileName} from '../../export/textfile.js';
import {byteUnits, diskUnits} from '../../model/units.js';
import {allArguments} from '../../wazuh/daemon-specs.js';
import {type CommandDef, helpOption} from './option-table.js';

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
		{name: 'sleep', short: 's', value: 'SECONDS', default: '1', defaultText: '1.0', help: 'Time between samples'},
		{name: 'units', short: 'u', value: 'UNIT', choices: byteUnits, anyCase: true, default: 'KB', help: 'Unit of the process byte values (1024-based), in any case'},
		{name: 'disk-unit', value: 'UNIT', choices: diskUnits, anyCase: true, default: 'GB', help: 'Unit of the disk sizes (1024-based), in any case'},
		{name: 'version', short: 'v', value: 'VERSION', optionalValue: 'alone', defaultText: 'the installed one, if found', help: 'Alone (no value): print this tool\'s version. With a value: the Wazuh version written into the CSVs'},
		{name: 'debug', short: 'd', help: 'Debug lines in the log file'},
		{name: 'healthcheck-time', short: 'H', value: 'SEC', default: '10', help: 'Time between health checks, which find the daemons started or restarted since'},
		{name: 'retries', short: 'r', value: 'N', default: '10', help: 'Failed health checks before a daemon is given up'},
		{
			name: 'store-process', value: 'DIR', complete: 'directory',
			defaultText: '/var/log/wazuh-metrics/<dd-mm-YYYY>/<epoch> as root, ~/.local/state/wazuh-metrics/<dd-mm-YYYY>/<epoch> for other users',
			help: 'Folder of the process CSVs',
			details: 'For other users the state folder is $XDG_STATE_HOME/wazuh-metrics when XDG_STATE_HOME is set.',
		},
		{name: 'store-disk', value: 'DIR', complete: 'directory', defaultText: '<store-process>/files', help: 'Folder of the disk CSVs'},
		{
			name: 'stats-interval', value: 'SECONDS', default: '5',
			help: 'Time between reads of the daemons\' own statistics (events/s, queue fill, drops, queries)',
			details: 'Wazuh rewrites its state files every 5 s by default (analysisd.state_interval, remoted.state_interval).',
		},
		{name: 'no-stats', help: 'Do not read the daemons\' own statistics (sockets, state files)'},
		{name: 'store-stats', value: 'DIR', complete: 'directory', defaultText: '<store-process>/stats', help: 'Folder of the daemon statistics CSVs, in the formats Wazuh\'s own tools write'},
		{name: 'headless', help: 'No terminal UI: record, log, and print a status line per health check', details: 'Also when standard output is not a terminal.'},
		{name: 'ascii', help: 'Draw the screen with ASCII characters only (sparklines, lines, arrows, marks)', details: 'Also when the locale (LC_ALL, else LC_CTYPE, else LANG) does not name UTF-8: see docs/terminals.md.'},
		{name: 'install-dir', value: 'DIR', complete: 'directory', defaultText: 'those found in /var/wazuh-manager, /var/ossec', help: 'The Wazuh installation to watch'},
		{name: 'match-by-name', help: 'Also take any process named like a daemon, whoever started it and from wherever (the original script\'s rule). Risky: any local user can then make this tool watch and record a process of theirs, or hide a daemon'},
		{name: 'prometheus', value: '[ADDR:]PORT', help: 'Serve the latest sample at http://ADDR:PORT/metrics for Prometheus (text format, or OpenMetrics when asked). Only a port: 127.0.0.1, this host alone. Anyone who can connect reads what only root may read in /proc (io counters, memory maps)'},
		{name: 'prometheus-public', help: 'Allow --prometheus to listen on an address other hosts can reach (0.0.0.0, a LAN address); without it such an address is refused'},
		{name: 'textfile', value: 'DIR', complete: 'directory', help: `Write the same metrics to DIR/${textfileName} every sample (replaced whole, never seen half written), for node_exporter's textfile collector`},
		{
			name: 'demo', value: 'MAJOR', optionalValue: 'attached', choices: ['4', '5'],
			help: 'Start a simulated Wazuh 4.x manager (=5: a 5.x one) on this machine and watch it',
			details: 'What starts is said at once on standard error; a slow start (a loaded machine) says how many daemons are up every 5 s and keeps waiting; a failed one exits 1 with the reason in the log and leaves no empty session folder.',
		},
		helpOption,
	],
	examples: [
		'wazuh-metrics --demo',
		'wazuh-metrics analysisd remoted db -s 0.5 --disk /var/ossec/logs/archives/archives.json',
		'wazuh-metrics apid clusterd --headless --store-process /root/load-test',
	],
	exitStatus: [
		[0, 'The user quit, or the run was stopped by SIGINT, SIGTERM or SIGHUP.'],
		[1, 'A failure while running: every daemon watched has been given up, the demo could not start, the display or the tool crashed.'],
		[2, 'Bad input, said in one line on standard error: an unknown option, process name or unit, a bad value, a folder that cannot be written, an address --prometheus cannot listen on, no Wazuh daemon running.'],
	],
};
