// The desktop app's store-settings channel, when the preload gives one (issue 14). The browser shell has none:
// its store is the `--db` it was started with, so the dialog there is read-only.
import type { StoreSettingsRequest, StoreSettingsView } from '../../shared/settings/storeLocation';

type Reply = { result?: unknown; error?: { code: string; message: string } };
interface Channel {
  get(): Promise<Reply>;
  set(request: StoreSettingsRequest): Promise<Reply>;
}

export interface StoreSettingsBridge {
  get(): Promise<StoreSettingsView>;
  /** Saves; the app then restarts on the new store. Rejects with the bilingual message of a refusal. */
  set(request: StoreSettingsRequest): Promise<void>;
}

const unwrap = (reply: Reply): unknown => {
  if (reply.error) throw new Error(reply.error.message);
  return reply.result;
};

export function storeSettingsBridge(): StoreSettingsBridge | null {
  const channel = (window as unknown as { workbench?: { storeSettings?: Channel } }).workbench?.storeSettings;
  if (!channel) return null;
  return {
    get: async () => unwrap(await channel.get()) as StoreSettingsView,
    set: async (request) => {
      unwrap(await channel.set(request));
    },
  };
}
