// Types of electronNative.cjs for the TypeScript tests.
export declare const SQLITE_PACKAGE: string;
export declare const NATIVE_FOLDER: string;
export declare const NATIVE_FILE: string;
export declare const STAMP_FILE: string;
export declare const ELECTRON_HEADERS_URL: string;
export declare const WEB_HINT: string;
export declare class ElectronBuildError extends Error {}
export interface BuildStamp {
  electron: string;
  module: string;
  platform: string;
  arch: string;
}
export interface StepOptions {
  log?: (line: string) => void;
  env?: Record<string, string | undefined>;
  platform?: string;
  arch?: string;
}
export declare function electronVersion(root: string): string;
export declare function nativeDir(root: string, version: string): string;
export declare function nativeOutputPath(root: string, version: string): string;
export declare function buildStamp(s: { electron: string; module: string; platform: string; arch: string }): BuildStamp;
export declare function isNativeBuilt(root: string, stamp: BuildStamp): boolean;
export declare function gypEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function nodeGypArgs(version: string, arch: string): string[];
export declare function explainGypFailure(output: string): string;
export declare function electronBinaryPath(root: string, env?: Record<string, string | undefined>): string | null;
export declare function electronLaunchArgs(appDir: string, argv: readonly string[], invocationDir: string): string[];
export declare function ensureElectronBinary(root: string, opts?: StepOptions): Promise<string>;
export declare function ensureElectronNative(root: string, opts?: StepOptions): Promise<string>;
