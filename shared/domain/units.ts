// The units the workbench knows: each has a dimension and an exact factor to that dimension's base,
// so 万吨 ↔ 亿吨 converts and 万吨 ↔ 亿元 is refused. Spellings that mean the same unit map to one canonical name.

export type Dimension =
  | 'percent'
  | 'percentage_point'
  | 'area_mu'
  | 'area_m2'
  | 'length'
  | 'power'
  | 'energy'
  | 'mass'
  | 'volume'
  | 'currency'
  | 'currency_usd'
  | 'concentration'
  | 'people'
  | 'visits'
  | 'compute'
  | 'index'
  | 'item';

export interface UnitInfo {
  /** Canonical spelling. */
  name: string;
  dimension: Dimension;
  /** Multiplier to the dimension's base unit (亩, 平方米, 公里, 千瓦, 千瓦时, 吨, 立方米, 元, 人, 人次, P, …). */
  factor: number;
  en: string;
}

const U = (name: string, dimension: Dimension, factor: number, en: string): UnitInfo => ({ name, dimension, factor, en });

const UNITS: UnitInfo[] = [
  U('%', 'percent', 1, 'percent'),
  // A change in a rate (`城镇化率提高1个百分点`): not convertible to %.
  U('百分点', 'percentage_point', 1, 'percentage points'),
  U('亩', 'area_mu', 1, 'mu'),
  U('万亩', 'area_mu', 1e4, '10k mu'),
  U('亿亩', 'area_mu', 1e8, '100M mu'),
  U('平方米', 'area_m2', 1, 'm²'),
  U('万平方米', 'area_m2', 1e4, '10k m²'),
  U('亿平方米', 'area_m2', 1e8, '100M m²'),
  U('公顷', 'area_m2', 1e4, 'ha'),
  U('平方公里', 'area_m2', 1e6, 'km²'),
  U('公里', 'length', 1, 'km'),
  U('万公里', 'length', 1e4, '10k km'),
  U('千瓦', 'power', 1, 'kW'),
  U('万千瓦', 'power', 1e4, '10 MW'),
  U('亿千瓦', 'power', 1e8, '100 GW'),
  U('千瓦时', 'energy', 1, 'kWh'),
  U('万千瓦时', 'energy', 1e4, '10 MWh'),
  U('亿千瓦时', 'energy', 1e8, '100 GWh'),
  U('吨', 'mass', 1, 't'),
  U('万吨', 'mass', 1e4, '10 kt'),
  U('亿吨', 'mass', 1e8, '100 Mt'),
  U('立方米', 'volume', 1, 'm³'),
  U('万立方米', 'volume', 1e4, '10k m³'),
  U('亿立方米', 'volume', 1e8, '100M m³'),
  U('元', 'currency', 1, 'yuan'),
  U('万元', 'currency', 1e4, '10k yuan'),
  U('亿元', 'currency', 1e8, '100M yuan'),
  U('万亿元', 'currency', 1e12, 'trillion yuan'),
  // Foreign capital and exports are planned in US dollars: never converted to 元 here.
  U('美元', 'currency_usd', 1, 'US dollars'),
  U('万美元', 'currency_usd', 1e4, '10k US dollars'),
  U('亿美元', 'currency_usd', 1e8, '100M US dollars'),
  U('微克/立方米', 'concentration', 1, 'µg/m³'),
  U('人', 'people', 1, 'persons'),
  U('万人', 'people', 1e4, '10k persons'),
  U('亿人', 'people', 1e8, '100M persons'),
  U('人次', 'visits', 1, 'visits'),
  U('万人次', 'visits', 1e4, '10k visits'),
  U('亿人次', 'visits', 1e8, '100M visits'),
  // Grain and livestock output is planned in 斤 (0.5 kg): 800 亿斤 = 4000 万吨.
  U('公斤', 'mass', 0.001, 'kg'),
  U('斤', 'mass', 0.0005, 'jin'),
  U('万斤', 'mass', 5, '10k jin'),
  U('亿斤', 'mass', 5e4, '100M jin'),
  U('P', 'compute', 1, 'PFLOPS'),
  U('万P', 'compute', 1e4, '10k PFLOPS'),
  U('上年同月=100', 'index', 1, 'same month last year = 100'),
  U('上年同期=100', 'index', 1, 'same period last year = 100'),
  U('上年=100', 'index', 1, 'last year = 100'),
  // Countable things: each its own dimension in practice, but the factor rules still apply to 万.
  ...['个', '家', '项', '套', '台', '所', '座', '条', '户', '辆', '张', '处', '只', '头', '部', '批', '次', '件', '篇', '种', '场', '间', '栋'].map((n) => U(n, 'item', 1, n)),
  U('万台', 'item', 1e4, '10k units'),
  U('万套', 'item', 1e4, '10k sets'),
  U('万户', 'item', 1e4, '10k households'),
  U('万辆', 'item', 1e4, '10k vehicles'),
  U('万头', 'item', 1e4, '10k head'),
  U('万只', 'item', 1e4, '10k head'),
  U('万个', 'item', 1e4, '10k'),
  U('万张', 'item', 1e4, '10k'),
  // Doses of semen (冻精 600 万剂) and train runs (中欧班列 500 列), as plans count them.
  U('剂', 'item', 1, 'doses'),
  U('万剂', 'item', 1e4, '10k doses'),
  U('列', 'item', 1, 'train runs'),
];

/** Other spellings of the same unit. */
const ALIASES: Record<string, string> = {
  '％': '%',
  '个百分点': '百分点',
  '度': '千瓦时',
  '万度': '万千瓦时',
  '亿度': '亿千瓦时',
  '亿千瓦小时': '亿千瓦时',
  '万千瓦小时': '万千瓦时',
  '千瓦小时': '千瓦时',
  'km': '公里',
  '千米': '公里',
  '万kW': '万千瓦',
  '亿m3': '亿立方米',
  '亿立方': '亿立方米',
  '万m2': '万平方米',
};

const BY_NAME = new Map(UNITS.map((u) => [u.name, u]));

/** Countable units with the same name never convert into each other (5 套 is not 5 家). */
function sameItemKind(a: UnitInfo, b: UnitInfo): boolean {
  const strip = (n: string) => n.replace(/^万/, '');
  return strip(a.name) === strip(b.name);
}

export function canonicalUnit(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = raw.normalize('NFKC').trim().replace(/\s+/g, '');
  if (s === '') return null;
  const aliased = ALIASES[s] ?? s;
  return BY_NAME.has(aliased) ? aliased : null;
}

export function unitInfo(raw: string | null | undefined): UnitInfo | null {
  const c = canonicalUnit(raw);
  return c ? (BY_NAME.get(c) ?? null) : null;
}

export function isKnownUnit(raw: string | null | undefined): boolean {
  return canonicalUnit(raw) !== null;
}

export function knownUnits(): string[] {
  return UNITS.map((u) => u.name);
}

/** The factor that turns a value in `from` into a value in `to`, or null when they cannot be compared. */
export function conversionFactor(from: string, to: string): number | null {
  const a = unitInfo(from);
  const b = unitInfo(to);
  if (!a || !b || a.dimension !== b.dimension) return null;
  if (a.dimension === 'item' && !sameItemKind(a, b)) return null;
  if (a.dimension === 'index' && a.name !== b.name) return null;
  return a.factor / b.factor;
}

export class UnitMismatchError extends Error {
  constructor(
    public readonly from: string,
    public readonly to: string,
  ) {
    super(`单位不可比：${from} 与 ${to} / Units cannot be compared: ${from} vs ${to}`);
    this.name = 'UnitMismatchError';
  }
}

/** Convert exactly, refusing incompatible units. Rounds away binary noise (1.2 亿吨 → 12000 万吨, not 11999.999…). */
export function convert(value: number, from: string, to: string): number {
  const f = conversionFactor(from, to);
  if (f === null) throw new UnitMismatchError(from, to);
  return Number((value * f).toPrecision(15));
}
