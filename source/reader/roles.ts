/** `wazuh_apid.py_child_2` -> {daemon: `wazuh_apid.py`, childIndex: 2}; a daemon's own role -> index 0. */
export function roleParts(role: string): {daemon: string; childIndex: number} {
	const match = /^(.+)_child_(\d+)$/.exec(role);
	return match ? {daemon: match[1]!, childIndex: Number(match[2])} : {daemon: role, childIndex: 0};
}

/**
 * A role from a file name: the name without `.csv`.
 * - A file of this tool whose rows name none (an empty file): `wazuh_apid_child_1.csv` -> `wazuh_apid_child_1`.
 * - Every file of monitor.py, which names each file after the program it watches
 *   (`wazuh-manager-analysisd.csv`, `wazuh_manager_apid.py.csv`, aliases such as `wazuh-indexer.csv`),
 *   the process name our live view shows for a 5.x daemon; it watches one process per program (no
 *   children), so every file is a daemon of its own.
 */
export function roleFromFileName(fileName: string): string {
	return fileName.replace(/\.csv$/, '');
}
