/** Live numbers a fake reports in its status file; behaviours update them, then call publish. */
export type Counters = {
	extraFds: number;
	bytesWritten: number;
	memoryBytes: number;
	children: number[];
};

export type Publish = () => void;
