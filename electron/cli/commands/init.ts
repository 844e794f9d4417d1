import type { CliCommand } from '../context';
import { listPlans, listTargets } from '../../store/targetsRepo';

export const initCommand: CliCommand = {
  name: 'init',
  summary: '创建并初始化数据文件（载入2025年计划） / Create and seed a store with the 2025 plan',
  usage: 'init [--db PATH]',
  run: (ctx) => {
    const { db } = ctx.service().ctx;
    const plans = listPlans(db);
    const counts = plans.map((p) => `${p.title}: ${listTargets(db, p.id).length} 项目标`).join('; ');
    ctx.out(`数据文件已就绪 / Store ready: ${ctx.dbPath}\n${counts}`);
    return 0;
  },
};
