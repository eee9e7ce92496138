import fs from 'node:fs';

/**
 * The installed Wazuh version, read from files only (no command is run, so nothing can hang):
 * `VERSION.json` (4.12+), then the `VERSION` file of older 4.x, then ossec-init.conf (3.x).
 */
export function installedWazuhVersion(home = '/var/ossec'): string {
	const read = (file: string): string | undefined => {
		try {
			return fs.readFileSync(`${home}/${file}`, 'utf8');
		} catch {
			return undefined;
		}
	};

	const json = read('VERSION.json');
	if (json !== undefined) {
		try {
			const parsed = JSON.parse(json) as {version?: unknown};
			if (typeof parsed.version === 'string') {
				return parsed.version.replace(/^v/, '');
			}
		} catch {}
	}

	for (const file of ['VERSION', 'etc/ossec-init.conf']) {
		const match = read(file)?.match(/(?:WAZUH_VERSION|VERSION)="?v?(\d+\.\d+\.\d+)/) ?? read(file)?.match(/^v?(\d+\.\d+\.\d+)\s*$/m);
		if (match?.[1] !== undefined) {
			return match[1];
		}
	}

	return '';
}
