import { createRoot } from 'react-dom/client';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { App } from './App';
import { createClient } from './client/createClient';
import { installGridDefaults } from './grid/theme';
import './styles.css';

ModuleRegistry.registerModules([AllCommunityModule]);
installGridDefaults();

createRoot(document.getElementById('root')!).render(<App client={createClient()} />);
