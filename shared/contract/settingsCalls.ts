// Calls for the store's settings: today the home region, the region a statistics file belongs to when it names none.
import * as z from '../zod';
import { call } from './call';

export interface StoreSettings {
  /** Null when neither the analyst nor a plan gives one (files without a region are then filed under none). */
  homeRegion: string | null;
  /** The analyst's setting, the newest plan's region, or nothing. */
  homeRegionSource: 'setting' | 'plan' | 'none';
}

// Printable text without control characters: a region name as the bureau writes it (内蒙古自治区, 全国).
const regionName = z.string().check(
  z.trim(),
  z.minLength(1, { message: '地区名称不能为空 / The region name must not be empty' }),
  z.maxLength(100, { message: '地区名称最多 100 个字符 / The region name is at most 100 characters' }),
  z.refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: '地区名称含控制字符 / The region name holds control characters' }),
);

export const settingsCalls = {
  getSettings: call<StoreSettings>()(z.strictObject({})),
  /** Sets the home region (null: back to the newest plan's region). Series already stored keep theirs. */
  setHomeRegion: call<StoreSettings>()(z.strictObject({ region: z.nullable(regionName) })),
};
