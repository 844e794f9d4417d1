// Which grid options changed between two renders of a grid's React component: the ones handed to AG Grid's
// updateGridOptions (renderer/grid/VanillaGrid.tsx). Compared by reference, as AG Grid's React wrapper compares its
// props: an option made afresh on every render (an inline object or function) counts as changed every time.
import type { GridOptions } from 'ag-grid-community';

/** The options whose value differs (by reference) from before, an option left out counting as undefined; null if none. */
export function changedGridOptions<T>(before: GridOptions<T>, now: GridOptions<T>): GridOptions<T> | null {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)]) as Set<keyof GridOptions<T>>) {
    if (before[key] !== now[key]) changed[key] = now[key];
  }
  return Object.keys(changed).length > 0 ? (changed as GridOptions<T>) : null;
}
