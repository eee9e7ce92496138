const quote = 0x22;
const newline = 0x0A;

/**
 * Finds where the last complete CSV record of a file ends, given the file's bytes in order. A
 * newline ends a record only outside quotes, and an escaped quote (`""`) toggles twice, so quote
 * parity is all it takes. Used to cut a half-written last line off a file before appending to it.
 */
export class RecordBoundary {
	/** Byte length of the complete records seen so far. */
	end = 0;
	private inQuotes = false;
	private offset = 0;

	feed(bytes: Uint8Array): void {
		for (let index = 0; index < bytes.length; index++) {
			const byte = bytes[index];
			if (byte === quote) {
				this.inQuotes = !this.inQuotes;
			} else if (byte === newline && !this.inQuotes) {
				this.end = this.offset + index + 1;
			}
		}

		this.offset += bytes.length;
	}
}
