/**
 * How the terminal's rows are shared out. The whole frame stays at least one row shorter than the
 * terminal: Ink clears the entire screen (and the scrollback with it) before every frame that is as
 * tall as the terminal, which flickers and wipes history over SSH.
 */
export type ScreenBudget = {
	/** Lines of the whole frame, always < rows. */
	readonly frame: number;
	/** Header status lines (2), the system line, plus warning lines. */
	readonly header: number;
	readonly warnings: number;
	/** Lines between header and footer. */
	readonly body: number;
	/** Lines of the disk panel (its title row included), 0 when hidden. */
	readonly disk: number;
	/** Lines of the process table, its title row included. */
	readonly table: number;
};

/** Below this size the screen is one line that says so (docs/terminals.md). */
export const minimumColumns = 60;
export const minimumRows = 15;

export type BudgetInput = {
	readonly rows: number;
	readonly warnings: number;
	readonly diskPaths: number;
	/** The disk panel is shown under the table only in the table view. */
	readonly showDisk: boolean;
};

export function screenBudget(input: BudgetInput): ScreenBudget {
	const frame = Math.max(1, input.rows - 1);
	// Short terminals keep a single warning line: the table matters more.
	const warnings = Math.min(input.warnings, input.rows < 20 ? 1 : 2);
	const header = 3 + warnings;
	const body = Math.max(0, frame - header - 1);
	let disk = 0;
	if (input.showDisk && input.diskPaths > 0 && body >= 6) {
		// A third of the body at most, so the table keeps most of the room.
		disk = Math.min(input.diskPaths + 1, Math.max(2, Math.floor(body / 3)));
	}

	return {frame, header, warnings, body, disk, table: body - disk};
}

export function isTooSmall(columns: number, rows: number): boolean {
	return columns < minimumColumns || rows < minimumRows;
}
