// The catalog of messages a user meets most: a key, and the sentence in Chinese and in English filled from
// parameters. The Node side sends key + params with the combined `中文 / English` text (for the CLI, logs and
// older clients); the renderer shows the language the analyst chose. Messages not in the catalog travel as the
// combined text only.

/** A parameter: a name, number or file as is, or a phrase that itself has two languages. */
export type MessageParam = string | number | { zh: string; en: string };
export type MessageParams = Record<string, MessageParam>;

type Lang = 'zh' | 'en';
type Fill = (p: (name: string) => string) => string;

interface Entry {
  zh: Fill;
  en: Fill;
}

const entry = (zh: Fill, en: Fill): Entry => ({ zh, en });

export const MESSAGES = {
  // Calls and records
  'call.unknown': entry((p) => `未知的调用“${p('name')}”`, (p) => `Unknown call "${p('name')}"`),
  'call.invalidArgs': entry((p) => `参数不正确（${p('name')}）`, (p) => `Invalid arguments for ${p('name')}: ${p('issues')}`),
  'plan.notFound': entry((p) => `计划 ${p('id')} 不存在`, (p) => `Plan ${p('id')} does not exist`),
  'plan.none': entry(() => '还没有计划', () => 'There is no plan yet'),
  'target.notFound': entry((p) => `目标 ${p('id')} 不存在`, (p) => `Target ${p('id')} does not exist`),
  'series.notFound': entry((p) => `序列 ${p('id')} 不存在`, (p) => `Series ${p('id')} does not exist`),
  // The store
  'store.cannotOpen': entry((p) => `无法打开数据文件 ${p('file')}`, (p) => `Cannot open store file ${p('file')}: ${p('reason')}`),
  'store.notSqlite': entry((p) => `${p('file')} 不是工作台数据文件（不是 SQLite 数据库），未做任何修改`, (p) => `${p('file')} is not a workbench store (not a SQLite database); it was left untouched`),
  'store.isFolder': entry((p) => `${p('file')} 是文件夹，不是数据文件`, (p) => `${p('file')} is a folder, not a store file`),
  'store.cannotCreateFolder': entry((p) => `无法创建文件夹 ${p('dir')}`, (p) => `Cannot create folder ${p('dir')}: ${p('reason')}`),
  'store.newerVersion': entry(
    (p) => `数据文件来自更新版本的工作台（版本 ${p('version')}，本程序支持到 ${p('known')}），未做任何修改`,
    (p) => `The store was written by a newer workbench (schema ${p('version')}, this one knows up to ${p('known')}); it was left untouched`,
  ),
  'store.unreadable': entry((p) => `数据文件无法读取 ${p('file')}`, (p) => `The store cannot be read ${p('file')}: ${p('reason')}`),
  // The server store (team mode)
  'server.cannotConnect': entry((p) => `无法连接数据库服务器 ${p('location')}：${p('reason')}`, (p) => `Cannot connect to the database server ${p('location')}: ${p('reason')}`),
  'server.newerVersion': entry(
    (p) => `服务器上的数据来自更新版本的工作台（版本 ${p('version')}，本程序支持到 ${p('known')}），请升级本程序；未做任何修改`,
    (p) => `The server's store was written by a newer workbench (schema ${p('version')}, this one knows up to ${p('known')}): upgrade this workbench; nothing was changed`,
  ),
  'server.notWorkbench': entry(
    (p) => `数据库 ${p('location')} 中已有其他表，不是工作台数据库，未做任何修改`,
    (p) => `The database ${p('location')} holds other tables and is not a workbench store; it was left untouched`,
  ),
  'server.needsSetup': entry(
    (p) => `数据库 ${p('location')} 还不是工作台数据库；请由计划负责人或管理员用 init 命令初始化`,
    (p) => `The database ${p('location')} is not set up as a workbench store yet; the plan owner or DBA sets it up with the init command`,
  ),
  'server.noPermission': entry(
    (p) => `你的数据库角色（${p('role')}）无权进行此操作，未做任何修改`,
    (p) => `Your database role (${p('role')}) may not do this; nothing was changed`,
  ),
  // Links
  'link.seriesOrFormula': entry(() => '请只指定序列或公式之一', () => 'give either a series or a formula, not both'),
  'link.formulaUnusable': entry((p) => `公式无法使用：${p('why')}`, (p) => `the formula cannot be used: ${p('why')}`),
  'link.incompatible': entry((p) => `不能关联“${p('indicator')}”与“${p('series')}”：${p('why')}`, (p) => `cannot link "${p('indicator')}" to "${p('series')}": ${p('why')}`),
  'link.levelNotCumulative': entry((p) => `总量序列“${p('series')}”不是累计值或当期值`, (p) => `level series "${p('series')}" is neither cumulative nor period values`),
  'link.notSuggested': entry((p) => `序列 ${p('series')} 不在“${p('indicator')}”的建议中`, (p) => `series ${p('series')} is not among the suggestions for "${p('indicator')}"`),
  'link.strayTargets': entry((p) => `目标 ${p('ids')} 不属于计划 ${p('plan')} 或没有数值`, (p) => `targets ${p('ids')} are not quantified targets of plan ${p('plan')}`),
  // Editing targets
  'edit.indicatorEmpty': entry(() => '指标名称不能为空', () => 'The indicator name cannot be empty'),
  'edit.notNumber': entry((p) => `${p('field')}必须是数字，收到“${p('got')}”`, (p) => `${p('field')} must be a number, got "${p('got')}"`),
  'edit.toleranceNegative': entry(() => '容差不能为负', () => 'Tolerance cannot be negative'),
  'edit.notText': entry((p) => `${p('field')}必须是文本`, (p) => `${p('field')} must be text`),
  'edit.unknownUnit': entry((p) => `未知单位“${p('unit')}”`, (p) => `Unknown unit "${p('unit')}"`),
  'edit.unknownComparator': entry((p) => `无法识别的比较方式“${p('text')}”（可用：左右、以上、以内、达到、突破、稳定在、区间）`, (p) => `Unknown comparator "${p('text')}"`),
  'edit.qualifier': entry(() => '约束只能是“力争”或“确保”', () => 'Qualifier must be 力争 (strive) or 确保 (ensure)'),
  'edit.unknownProgress': entry((p) => `无法识别的进展“${p('text')}”（可用：未开始、推进中、已完成、受阻）`, (p) => `Unknown progress "${p('text')}"`),
  'edit.directionEmpty': entry(() => '方向不能为空（可用：越高越好、越低越好、区间）', () => 'The direction cannot be empty (higher_better, lower_better, band)'),
  'edit.unknownDirection': entry((p) => `无法识别的方向“${p('text')}”（可用：越高越好、越低越好、区间）`, (p) => `Unknown direction "${p('text')}" (higher_better, lower_better, band)`),
  'edit.implausible': entry((p) => `${p('field')}：数值无效，不是有限数或超出任何统计数的范围（绝对值上限 1e15）`, (p) => `${p('field')}: not a valid number, not finite or beyond the range of any statistic (magnitude limit 1e15)`),
  'edit.controlChars': entry((p) => `${p('field')}含控制字符 ${p('code')}，已拒绝`, (p) => `${p('field')} contains the control character ${p('code')}; refused`),
  'edit.notesTooLong': entry(() => '备注过长（最多2000字）', () => 'Notes too long (2000 characters at most)'),
  'edit.tooLong': entry((p) => `${p('field')}过长（最多200字）`, (p) => `${p('field')} too long (200 characters at most)`),
  'edit.notEditable': entry(() => '字段不可编辑', () => 'Field is not editable'),
  // Team mode (issue 14): a save or undo that would overwrite a colleague's change
  'edit.conflict': entry(
    (p) => `未保存：${p('who')} 于 ${p('when')} 已把“${p('indicator')}”的${p('field')}改为 ${p('current')}（你要保存的是 ${p('attempted')}）`,
    (p) => `Not saved: ${p('who')} changed ${p('field')} of "${p('indicator')}" to ${p('current')} at ${p('when')} (you were saving ${p('attempted')})`,
  ),
  'edit.conflictTarget': entry(
    (p) => `未保存：你读取“${p('indicator')}”时是修订 ${p('seen')}，之后 ${p('who')} 于 ${p('when')} 修改了该目标（现为修订 ${p('revision')}，${p('field')}为 ${p('current')}）；你的修改（${p('attempted')}）未保存`,
    (p) => `Not saved: you read "${p('indicator')}" at revision ${p('seen')}; ${p('who')} changed it since at ${p('when')} (now revision ${p('revision')}, ${p('field')} ${p('current')}); your value (${p('attempted')}) was not saved`,
  ),
  'edit.conflicts': entry(
    (p) => `未保存：你查看之后，同事修改了其中 ${p('count')} 个单元格（首处：${p('who')} 于 ${p('when')} 修改了“${p('indicator')}”的${p('field')}）；整次修改均未保存`,
    (p) => `Not saved: colleagues changed ${p('count')} of these cells since you looked (first: ${p('who')} changed ${p('field')} of "${p('indicator')}" at ${p('when')}); none of this action was saved`,
  ),
  'undo.colleagueChanged': entry(
    (p) => `无法撤销：${p('who')} 于 ${p('when')} 之后修改了“${p('indicator')}”的${p('field')}（现为 ${p('current')}），撤销会丢掉其修改；未做任何修改，如需要请直接编辑该单元格`,
    (p) => `Cannot undo: ${p('who')} changed ${p('field')} of "${p('indicator')}" since (now ${p('current')}) at ${p('when')}, and undoing would discard it; nothing was changed; edit the cell directly if needed`,
  ),
  'redo.colleagueChanged': entry(
    (p) => `无法重做：${p('who')} 于 ${p('when')} 之后修改了“${p('indicator')}”的${p('field')}（现为 ${p('current')}）；未做任何修改`,
    (p) => `Cannot redo: ${p('who')} changed ${p('field')} of "${p('indicator')}" since (now ${p('current')}) at ${p('when')}; nothing was changed`,
  ),
  // Imports and hand-on
  'import.badBase64': entry(() => '文件内容不是有效的 base64 编码', () => 'The file data is not valid base64'),
  'handoff.notReturnedWorkbook': entry((p) => `请选择导出后修改的 Excel 文件（.xlsx）：${p('file')}`, (p) => `Choose the returned Excel workbook (.xlsx): ${p('file')}`),
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, key);
}

function param(params: MessageParams, lang: Lang) {
  return (name: string): string => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    return typeof v === 'object' ? v[lang] : String(v);
  };
}

/** The message in one language. */
export function messageText(key: MessageKey, params: MessageParams, lang: Lang): string {
  return MESSAGES[key][lang](param(params, lang));
}

/** The combined `中文 / English` text, as the CLI prints it and as clients without the catalog show it. */
export function combinedMessage(key: MessageKey, params: MessageParams = {}): string {
  return `${messageText(key, params, 'zh')} / ${messageText(key, params, 'en')}`;
}

/** A key with its parameters: what a check returns before anything is thrown. */
export interface KeyedMessage {
  key: MessageKey;
  params: MessageParams;
  message: string;
}

export function keyed(key: MessageKey, params: MessageParams = {}): KeyedMessage {
  return { key, params, message: combinedMessage(key, params) };
}
