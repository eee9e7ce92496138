/*
 * Loaded into every ava worker (package.json: ava.nodeArguments). A worker whose ava parent was
 * killed with -9 would otherwise go on running its tests, and keep alive every CLI and demo fleet
 * that watches it as its parent. Here it leaves once its parent is gone: its 'exit' handlers kill
 * the processes it started (helpers/children.ts), and their own lifelines take the rest down.
 */
const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) {
		process.exit(1);
	}
}, 250).unref();
