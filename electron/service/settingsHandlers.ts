// Handlers for the store's settings (the home region).
import type { StoreSettings } from '../../shared/contract/settingsCalls';
import { homeRegion, setHomeRegion, type HomeRegion } from '../store/settingsRepo';
import type { Handlers, ServiceContext } from './service';

function view(h: HomeRegion): StoreSettings {
  return { homeRegion: h.region, homeRegionSource: h.source };
}

export function settingsHandlers(ctx: ServiceContext): Pick<Handlers, 'getSettings' | 'setHomeRegion'> {
  return {
    getSettings: () => view(homeRegion(ctx.db)),
    setHomeRegion: ({ region }) => view(setHomeRegion(ctx.db, region)),
  };
}
