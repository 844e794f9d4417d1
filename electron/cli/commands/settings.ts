// `settings`: shows the store's settings; `settings set home-region NAME` sets the region files without one belong to
// (`settings unset home-region` goes back to the newest plan's region).
import type { StoreSettings } from '../../../shared/contract/settingsCalls';
import { WorkbenchError } from '../../../shared/errors';
import { dispatch } from '../../service/service';
import type { CliCommand } from '../context';

const SOURCE_TEXT: Record<StoreSettings['homeRegionSource'], string> = {
  setting: '已设置 / set',
  plan: '取自最新的计划 / from the newest plan',
  none: '未设置 / not set',
};

function describe(s: StoreSettings): string {
  return `所属地区 / home region: ${s.homeRegion ?? '—'}（${SOURCE_TEXT[s.homeRegionSource]}）`;
}

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: '查看或设置本库所属地区（未注明地区的文件归入该地区）/ Show or set the home region',
  usage: 'settings [set home-region NAME | unset home-region] [--json] [--db PATH]',
  switches: ['json'],
  run: async (ctx) => {
    const [verb, key, ...rest] = ctx.positionals;
    let result: StoreSettings;
    if (verb === undefined) {
      result = (await dispatch(ctx.service(), 'getSettings', {})) as StoreSettings;
    } else if (verb === 'set' && key === 'home-region' && rest.length === 1) {
      result = (await dispatch(ctx.service(), 'setHomeRegion', { region: rest[0] })) as StoreSettings;
    } else if (verb === 'unset' && key === 'home-region' && rest.length === 0) {
      result = (await dispatch(ctx.service(), 'setHomeRegion', { region: null })) as StoreSettings;
    } else {
      throw new WorkbenchError('bad_request', '用法：settings set home-region 地区名称 | settings unset home-region / Usage: settings set home-region NAME | settings unset home-region');
    }
    ctx.out(ctx.has('json') ? JSON.stringify(result, null, 2) : describe(result));
    return 0;
  },
};
