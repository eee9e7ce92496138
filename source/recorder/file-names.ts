/** Longest stem in UTF-8 bytes: leaves room for `_<n>.csv` under the 255-byte NAME_MAX of Linux. */
const maxStemBytes = 200;

/**
 * A name that stays one file inside its folder: path separators and control characters become `_`,
 * and an empty name becomes `_`. `..` needs nothing more, as a stem always gets `.csv` appended.
 */
export function sanitizeStem(name: string): string {
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	let stem = name.replace(/[/\\\u0000-\u001F\u007F]/g, '_');
	if (Buffer.byteLength(stem) > maxStemBytes) {
		// Cut by code points so a multi-byte character is never split.
		const characters = [...stem];
		while (Buffer.byteLength(characters.join('')) > maxStemBytes) {
			characters.pop();
		}

		stem = characters.join('');
	}

	return stem === '' ? '_' : stem;
}

/**
 * `wazuh-analysisd` -> `wazuh-analysisd`, `wazuh_apid.py` -> `wazuh_apid`,
 * `wazuh_apid.py_child_1` -> `wazuh_apid_child_1`: the role name without the script's `.py`.
 */
export function processFileStem(role: string): string {
	return sanitizeStem(role.replace(/\.py(?=$|_child_\d+$)/, ''));
}

/** `archives.json` -> `archives_json`. */
export function diskFileStem(basename: string): string {
	return sanitizeStem(basename.replaceAll('.', '_'));
}

/**
 * The file names handed out in one folder during a run: `<stem>.csv`, or `<stem>_2.csv`,
 * `<stem>_3.csv`, ... when that name is taken (another path with the same basename) or unusable
 * (an existing file written with other columns).
 */
export class FolderNames {
	private readonly taken = new Set<string>();

	claim(stem: string, isUsable: (fileName: string) => boolean = () => true): string {
		for (let suffix = 1; ; suffix++) {
			const fileName = suffix === 1 ? `${stem}.csv` : `${stem}_${suffix}.csv`;
			if (!this.taken.has(fileName) && isUsable(fileName)) {
				this.taken.add(fileName);
				return fileName;
			}
		}
	}
}
