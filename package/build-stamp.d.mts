export declare const stampName: string;
export declare function buildInputsHash(root: string): string;
export declare function staleBuild(root: string): string | undefined;
