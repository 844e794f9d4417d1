// Types of scripts/build.mjs for the TypeScript that uses it (tests).
import type { BuildOptions, Metafile } from 'esbuild';
export const ROOT: string;
export const BUILD_DIR: string;
export const ENTRIES: Record<'cli' | 'web' | 'bench' | 'serviceThread', string>;
export function nodeBuildOptions(outdir?: string): BuildOptions;
export function buildNode(outdir?: string): Promise<Metafile>;
export function startupPackages(metafile: Metafile, entryName: 'cli' | 'web' | 'bench' | 'serviceThread'): string[];
export const BUNDLED_PACKAGES: string[];
export function startupOutputs(metafile: Metafile, entryName: 'cli' | 'web' | 'bench' | 'serviceThread'): string[];
export function startupBundledPackages(metafile: Metafile, entryName: 'cli' | 'web' | 'bench' | 'serviceThread'): string[];
