/**
 * The Ink release this folder was written against. Everything in `source/ui/terminal/` leans on
 * Ink's internals or quirks (the Output class, how it clears on resize, its CI mode), which a minor
 * release may change. package.json pins Ink to exactly this version, and a test
 * (test/unit/ui/frame-shortcut.test.ts) fails when the installed Ink or the pin differs: whoever upgrades
 * Ink re-reads this folder and its tests first, then moves this line.
 */
export const inkVersionWrittenFor = '6.8.0';
