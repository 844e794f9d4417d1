// The app itself, loaded by the entry (main.tsx) once the first screen's calls are on their way.
import { createRoot } from 'react-dom/client';
import type { WorkbenchClient } from '../shared/contract';
import { FirstAnswers } from './client/firstAnswers';
import type { AnsweredNow } from './client/primedClient';
import { App } from './App';
import { registerGridModules } from './grid/modules';
import { installGridDefaults } from './grid/theme';

export function boot(client: WorkbenchClient, answered: AnsweredNow): void {
  registerGridModules();
  installGridDefaults();
  createRoot(document.getElementById('root')!).render(
    <FirstAnswers.Provider value={answered}>
      <App client={client} />
    </FirstAnswers.Provider>,
  );
}
