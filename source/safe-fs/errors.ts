/** Words for the error codes a folder or file can fail with; Node's own messages add `, mkdir '…'`. */
const reasons: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'read-only file system',
	ENOTDIR: 'not a directory',
	EEXIST: 'exists and is not a directory',
	EISDIR: 'is a directory',
	ENOENT: 'no such file or directory',
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	EFBIG: 'file too large',
	EIO: 'input/output error',
	ENAMETOOLONG: 'name too long',
	ELOOP: 'too many symbolic links',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files in the system',
	EAGAIN: 'resource temporarily unavailable',
	EBADF: 'bad file descriptor',
};

/** Error code of a Node system error (`ENOSPC`), if it has one. */
export function errorCode(error: unknown): string | undefined {
	if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
		return error.code;
	}

	return undefined;
}

/** `permission denied (EACCES)`: short, one line, without the path Node repeats in its message. */
export function describeError(error: unknown): string {
	const code = errorCode(error);
	// A refusal of ours (safe-folder.ts, safe-open.ts): the message is the reason.
	if (code === 'EUNSAFE' && error instanceof Error) {
		return oneLine(error.message);
	}

	if (code !== undefined) {
		return `${reasons[code] ?? code.toLowerCase()} (${code})`;
	}

	return oneLine(error instanceof Error ? error.message : String(error));
}

/** Paths and messages may hold newlines; an error meant for one terminal line must not. */
export function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	return text.replace(/[\u0000-\u001F\u007F]/g, character => JSON.stringify(character).slice(1, -1));
}

/**
 * A session or disk folder that cannot be created or written. Raised before monitoring starts, so
 * the command line can print `message` as its one line and exit with status 2.
 */
export class FolderError extends Error {
	override readonly name = 'FolderError';

	constructor(
		/** The folder as given. */
		readonly path: string,
		/** System error code (`EACCES`), when there is one. */
		readonly code: string | undefined,
		message: string,
		options?: {cause?: unknown},
	) {
		super(message, options);
	}

	/** `cannot write to /x/y: permission denied (EACCES)`. */
	static from(path: string, error: unknown): FolderError {
		return new FolderError(path, errorCode(error), `cannot write to ${oneLine(path)}: ${describeError(error)}`, {
			cause: error,
		});
	}
}
