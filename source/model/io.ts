/** The streams a command writes to: the process's own, or a test's. */
export type Io = {
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
};
