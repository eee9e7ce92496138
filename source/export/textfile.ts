import fs from 'node:fs';
import path from 'node:path';
import {describeError, errorCode} from '../safe-fs/errors.js';
import {checkFolder} from '../safe-fs/safe-folder.js';

/** The file node_exporter's textfile collector reads (it takes every `*.prom` of its folder). */
export const textfileName = 'wazuh_metrics.prom';

const {O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_DIRECTORY, O_NONBLOCK} = fs.constants;

/**
 * node_exporter reads the file as its own user, so it is world-readable (0644), unlike the CSVs:
 * who may read it is decided by the folder the user chose (0750 root:node_exporter, say).
 */
const fileMode = 0o644;

/**
 * Writes the exposition into `DIR/wazuh_metrics.prom` so that a reader only ever sees a whole
 * file: the text goes to a temporary file in the same folder, which is then renamed over the
 * target (rename is atomic within a filesystem). The temporary name does not end in `.prom`, so the
 * collector never reads it half written.
 *
 * The folder is checked like the recorder's (no symlink, no other owner, not group- or
 * world-writable, from / down) and then held open: every path used afterwards goes through that
 * descriptor (`/proc/self/fd/N/name`), so swapping the folder for a symlink later cannot redirect a
 * write. The temporary file is created with O_EXCL | O_NOFOLLOW, never through a planted link.
 */
export class TextfileWriter {
	readonly folder: string;
	readonly file: string;
	private folderFd: number | undefined;
	/** Device and inode of the last file written: close() removes only that one. */
	private written: {dev: number; ino: number} | undefined;

	constructor(folder: string) {
		this.folder = path.resolve(folder);
		this.file = path.join(this.folder, textfileName);
	}

	/** Checks and pins the folder. Throws a FolderError (one line) when it is missing or unsafe. */
	open(): void {
		checkFolder(this.folder);
		this.folderFd = fs.openSync(this.folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	}

	/** Replaces the file with `text`. Throws an Error with a one-line message when that fails; the old file stays. */
	write(text: string): void {
		if (this.folderFd === undefined) {
			throw new Error('textfile writer is not open');
		}

		const base = `/proc/self/fd/${this.folderFd}`;
		const temporary = `${base}/.${textfileName}.${process.pid}.tmp`;
		let fd: number;
		try {
			fd = this.createTemporary(temporary);
		} catch (error) {
			throw new Error(`cannot write ${this.file}: ${describeError(error)}`);
		}

		try {
			fs.fchmodSync(fd, fileMode);
			const bytes = Buffer.from(text);
			for (let offset = 0; offset < bytes.length;) {
				offset += fs.writeSync(fd, bytes, offset);
			}

			const stats = fs.fstatSync(fd);
			fs.closeSync(fd);
			fs.renameSync(temporary, `${base}/${textfileName}`);
			this.written = {dev: stats.dev, ino: stats.ino};
		} catch (error) {
			try {
				fs.closeSync(fd);
			} catch {}

			try {
				fs.unlinkSync(temporary);
			} catch {}

			throw new Error(`cannot write ${this.file}: ${describeError(error)}`);
		}
	}

	/**
	 * Removes the file if it is still the one written last (a stopped tool must not look alive to
	 * node_exporter, which would serve the last values forever), and lets the folder go.
	 */
	close(): void {
		if (this.folderFd === undefined) {
			return;
		}

		const target = `/proc/self/fd/${this.folderFd}/${textfileName}`;
		try {
			const stats = fs.lstatSync(target);
			if (this.written !== undefined && stats.dev === this.written.dev && stats.ino === this.written.ino) {
				fs.unlinkSync(target);
			}
		} catch {}

		fs.closeSync(this.folderFd);
		this.folderFd = undefined;
	}

	/** A fresh file; a leftover of a killed run (same name) is removed once and the creation retried. */
	private createTemporary(temporary: string): number {
		const flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK;
		try {
			return fs.openSync(temporary, flags, fileMode);
		} catch (error) {
			if (errorCode(error) !== 'EEXIST') {
				throw error;
			}

			// unlink removes a link itself, never its target.
			fs.unlinkSync(temporary);
			return fs.openSync(temporary, flags, fileMode);
		}
	}
}
