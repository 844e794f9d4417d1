// Types of scripts/ensure-built.mjs for the TypeScript that uses it (tests).
export type BuiltKind = 'node' | 'renderer';
export const ROOT: string;
export const BUILD_DIR: string;
export const RENDERER_DIR: string;
export const SOURCES: Record<BuiltKind, { dirs: string[]; files: string[]; stampFile: string }>;
export function sourcesStamp(kind: BuiltKind): string;
export function isFresh(kind: BuiltKind): boolean;
export function ensureBuilt(kind: BuiltKind, opts?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
