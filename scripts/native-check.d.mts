// Types of scripts/native-check.mjs for the TypeScript that uses it (tests).
export interface NativeProbe {
  onPath(cmd: string): boolean;
  npmNodedir(): string | null;
  localHeaders(): string | null;
}
export function nativeLoadError(): string | null;
export function diagnoseNative(error: string, probe?: NativeProbe): string;
