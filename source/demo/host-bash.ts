import fs from 'node:fs';
import path from 'node:path';

/** The bash every fake runs on: /bin/bash, else the first `bash` on PATH. */
export function hostBash(): string {
	const candidates = ['/bin/bash', ...(process.env.PATH ?? '').split(path.delimiter).filter(folder => path.isAbsolute(folder)).map(folder => path.join(folder, 'bash'))];
	for (const candidate of candidates) {
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			if (fs.statSync(candidate).isFile()) {
				return candidate;
			}
		} catch {
			// Not there; try the next one.
		}
	}

	throw new Error('The demo fleet needs bash (not found at /bin/bash nor on PATH)');
}
