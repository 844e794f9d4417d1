// An AG Grid drawn by AG Grid's own DOM renderer (its plain-JavaScript `createGrid`) inside a React component, for
// the first screen's targets grid. AG Grid's React wrapper (ag-grid-react) draws every header, row and cell as a
// React component; on the first screen that React commit was most of the page's main-thread time between the first
// answers and the first rows drawn (a CPU profile of bench -- startup). The grid's own renderer draws the same rows
// from the same options with less work. The options are AG Grid's GridOptions as they are; an option that changed
// (by reference, as ag-grid-react compares them) is handed to the grid with updateGridOptions, so new rowData with
// getRowId updates the rows in place, as under the wrapper.
import { useLayoutEffect, useRef } from 'react';
import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';
import { changedGridOptions } from './changedGridOptions';

export interface VanillaGridProps<T> {
  options: GridOptions<T>;
  /** Set to the grid's API once it exists, and back to null when the grid is destroyed. */
  apiRef: { current: GridApi<T> | null };
}

export function VanillaGrid<T>({ options, apiRef }: VanillaGridProps<T>) {
  const host = useRef<HTMLDivElement>(null);
  const given = useRef<GridOptions<T>>(options);

  // Made before the browser paints (a layout effect), so the first frame with the grid has its rows in it.
  useLayoutEffect(() => {
    const api = createGrid(host.current!, { ...given.current });
    apiRef.current = api;
    return () => {
      apiRef.current = null;
      api.destroy();
    };
    // Made once; later options go through updateGridOptions below.
  }, [apiRef]);

  // Later options, also before the browser paints: new rows show in the frame that follows them.
  useLayoutEffect(() => {
    const before = given.current;
    given.current = options;
    const api = apiRef.current;
    if (!api || before === options) return;
    const changed = changedGridOptions(before, options);
    if (changed) api.updateGridOptions(changed);
  });

  return <div ref={host} style={{ height: '100%', width: '100%' }} />;
}
