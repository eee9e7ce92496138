/** Units of process byte values (`-u`), 1024-based like the original. */
export const byteUnits = ['B', 'KB', 'MB'] as const;
export type ByteUnit = (typeof byteUnits)[number];

/** Units of disk sizes (`--disk-unit`), 1024-based. */
export const diskUnits = ['KB', 'MB', 'GB', 'TB'] as const;
export type DiskUnit = (typeof diskUnits)[number];

const factors: Record<ByteUnit | DiskUnit, number> = {
	B: 1,
	KB: 1024,
	MB: 1024 ** 2,
	GB: 1024 ** 3,
	TB: 1024 ** 4,
};

export function isByteUnit(value: string): value is ByteUnit {
	return (byteUnits as readonly string[]).includes(value);
}

export function isDiskUnit(value: string): value is DiskUnit {
	return (diskUnits as readonly string[]).includes(value);
}

export function unitFactor(unit: ByteUnit | DiskUnit): number {
	return factors[unit];
}

/** Rounds to `decimals` places, without the float noise of toFixed round-trips (0.1+0.2). */
export function round(value: number, decimals: number): number {
	const scale = 10 ** decimals;
	return Math.round((value + Number.EPSILON) * scale) / scale;
}
