// Types for generate-types.mjs, so TypeScript tests can import its settings and checks.
export declare const packageRoot: string;
export declare const generatedDir: string;
export declare const protoEntryFiles: string[];
export declare const decodingFlags: string[];
export declare function diffTrees(expectedDir: string, actualDir: string): string[];
export declare function checkGeneratedTypes(): string[];
