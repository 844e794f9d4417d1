// The app itself, loaded by the entry (main.tsx) once the first screen's calls are on their way.
import { createRoot } from 'react-dom/client';
import type { WorkbenchClient } from '../shared/contract';
import { App } from './App';
import { registerGridModules } from './grid/modules';
import { installGridDefaults } from './grid/theme';

export function boot(client: WorkbenchClient): void {
  registerGridModules();
  installGridDefaults();
  createRoot(document.getElementById('root')!).render(<App client={client} />);
}
