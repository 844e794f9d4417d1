// The units the workbench knows, read as a grammar: an optional magnitude (万, 亿, 千, 百, 万亿 …), a base unit
// (亩, 千瓦时, 元, 人, 个, 标箱, EFLOPS …), an optional frequency 次 (万亩次, 万户次, 场次) and an optional second
// counting word in brackets (万套(间), 条(个)). Each unit has a dimension and an exact factor to that dimension's
// base, so 万吨 ↔ 亿吨 converts and 万吨 ↔ 亿元 is refused; 万亩次 is work done (area × passes), never 万亩.

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
  | 'duration'
  | 'index'
  | 'item';

export interface UnitInfo {
  /** Canonical spelling. */
  name: string;
  dimension: Dimension;
  /** Multiplier to the dimension's base unit (亩, 平方米, 公里, 千瓦, 千瓦时, 吨, 立方米, 元, 人, 人次, P, …). */
  factor: number;
  en: string;
  /** For countable things: what is counted (`套`, `亩次`, `套(间)`); counts of different things never convert. */
  counts?: string;
}

interface Base {
  dimension: Dimension;
  factor: number;
  en: string;
  /** Whether 次 may follow (亩次, 户次, 场次, 批次, 人次). */
  times?: boolean;
  /** Whether a magnitude may precede (not for %, 百分点, indices). */
  magnitude?: boolean;
}

const item = (en: string, times = false): Base => ({ dimension: 'item', factor: 1, en, times, magnitude: true });

/** Base units by canonical spelling. */
const BASES: Record<string, Base> = {
  亩: { dimension: 'area_mu', factor: 1, en: 'mu', times: true, magnitude: true },
  平方米: { dimension: 'area_m2', factor: 1, en: 'm²', magnitude: true },
  公顷: { dimension: 'area_m2', factor: 1e4, en: 'ha', magnitude: true },
  平方公里: { dimension: 'area_m2', factor: 1e6, en: 'km²', magnitude: true },
  公里: { dimension: 'length', factor: 1, en: 'km', magnitude: true },
  千瓦: { dimension: 'power', factor: 1, en: 'kW', magnitude: true },
  千瓦时: { dimension: 'energy', factor: 1, en: 'kWh', magnitude: true },
  吨: { dimension: 'mass', factor: 1, en: 't', magnitude: true },
  // Grain and livestock output is planned in 斤 (0.5 kg): 800 亿斤 = 4000 万吨.
  公斤: { dimension: 'mass', factor: 0.001, en: 'kg', magnitude: true },
  斤: { dimension: 'mass', factor: 0.0005, en: 'jin', magnitude: true },
  立方米: { dimension: 'volume', factor: 1, en: 'm³', magnitude: true },
  元: { dimension: 'currency', factor: 1, en: 'yuan', magnitude: true },
  // Foreign capital and exports are planned in US dollars: never converted to 元 here.
  美元: { dimension: 'currency_usd', factor: 1, en: 'US dollars', magnitude: true },
  人: { dimension: 'people', factor: 1, en: 'persons', magnitude: true },
  名: { dimension: 'people', factor: 1, en: 'persons', magnitude: true },
  人次: { dimension: 'visits', factor: 1, en: 'visits', magnitude: true },
  P: { dimension: 'compute', factor: 1, en: 'PFLOPS', magnitude: true },
  EFLOPS: { dimension: 'compute', factor: 1000, en: 'EFLOPS', magnitude: true },
  小时: { dimension: 'duration', factor: 1, en: 'hours', magnitude: true },
  // Countable things, each its own kind.
  个: item('units'), 家: item('firms'), 项: item('items'), 套: item('sets'), 台: item('units'), 所: item('institutions'),
  座: item('structures'), 条: item('lines'), 户: item('households', true), 辆: item('vehicles'), 张: item('sheets'),
  处: item('sites'), 只: item('head'), 头: item('head'), 部: item('units'), 批: item('batches', true), 次: item('times'),
  件: item('pieces'), 篇: item('articles'), 种: item('kinds'), 场: item('events', true), 间: item('rooms'), 栋: item('buildings'),
  // Doses of semen (冻精 600 万剂) and train runs (中欧班列 500 列), as plans count them.
  剂: item('doses'), 列: item('train runs', true), 例: item('cases'), 门: item('courses'), 支: item('teams'), 期: item('sessions'),
  宗: item('cases'), 标箱: item('TEU'), 架: item('aircraft', true), 艘: item('ships', true), 株: item('plants'), 棵: item('trees'),
  块: item('pieces'), 册: item('volumes'), 名额: item('places'),
};

/** Other spellings of a base unit. */
const BASE_ALIASES: Record<string, string> = {
  千瓦小时: '千瓦时',
  kW: '千瓦',
  kw: '千瓦',
  km: '公里',
  千米: '公里',
  m3: '立方米',
  立方: '立方米',
  m2: '平方米',
  TEU: '标箱',
  Eflops: 'EFLOPS',
  EFlops: 'EFLOPS',
  eflops: 'EFLOPS',
  PFLOPS: 'P',
};

/** 度 is a kilowatt-hour only with a magnitude (`3000亿度`): a bare 度 may be degrees. */
const DEGREE_WITH_MAGNITUDE = '度';

const MAGNITUDES: [string, number, string][] = [
  ['万亿', 1e12, 'trillion'],
  ['千万', 1e7, '10M'],
  ['百万', 1e6, 'million'],
  ['十万', 1e5, '100k'],
  ['亿', 1e8, '100M'],
  ['万', 1e4, '10k'],
  ['千', 1e3, 'thousand'],
  ['百', 1e2, 'hundred'],
];

/** Units that are whole words, outside the grammar. */
const SPECIAL: UnitInfo[] = [
  { name: '%', dimension: 'percent', factor: 1, en: 'percent' },
  // A change in a rate (`城镇化率提高1个百分点`): not convertible to %.
  { name: '百分点', dimension: 'percentage_point', factor: 1, en: 'percentage points' },
  { name: '微克/立方米', dimension: 'concentration', factor: 1, en: 'µg/m³' },
  { name: '上年同月=100', dimension: 'index', factor: 1, en: 'same month last year = 100' },
  { name: '上年同期=100', dimension: 'index', factor: 1, en: 'same period last year = 100' },
  { name: '上年=100', dimension: 'index', factor: 1, en: 'last year = 100' },
  // Legacy spellings from before the grammar (a bare `度`, as series files print it).
  { name: '千瓦时', dimension: 'energy', factor: 1, en: 'kWh' },
];
const SPECIAL_ALIASES: Record<string, string> = { '％': '%', 个百分点: '百分点', 度: '千瓦时' };

/** Whole-word units as they may be printed after a figure (a bare 度 is not one: it may be degrees). */
const SPECIAL_PREFIXES = [...Object.keys(SPECIAL_ALIASES), ...SPECIAL.map((u) => u.name)].filter((s) => s !== '度' && s !== '千瓦时');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escape).join('|');
const BASE_SPELLINGS = longestFirst([...Object.keys(BASES), ...Object.keys(BASE_ALIASES), DEGREE_WITH_MAGNITUDE]);
const ITEM_SPELLINGS = longestFirst(Object.keys(BASES).filter((b) => BASES[b].dimension === 'item'));
const MAGNITUDE_SPELLINGS = MAGNITUDES.map(([m]) => escape(m)).join('|');
/** magnitude? base 次? (second counting word)? */
const GRAMMAR = new RegExp(`^(${MAGNITUDE_SPELLINGS})?(${BASE_SPELLINGS})(次)?(?:\\((${ITEM_SPELLINGS})\\))?`);
/** A magnitude alone before a noun (`为80万重点群体`): so many ten-thousands of the thing named after it. */
const BARE_MAGNITUDE = /^(万亿|千万|百万|亿|万)/;

export interface UnitReading {
  info: UnitInfo;
  /** Characters of the input the unit took. */
  length: number;
}

function fromParts(mag: string | undefined, rawBase: string, times: boolean, bracket: string | undefined): UnitInfo | null {
  if (rawBase === DEGREE_WITH_MAGNITUDE && !mag) return null;
  const baseName = rawBase === DEGREE_WITH_MAGNITUDE ? '千瓦时' : (BASE_ALIASES[rawBase] ?? rawBase);
  const base = BASES[baseName];
  if (!base) return null;
  const magnitude = mag ? MAGNITUDES.find(([m]) => m === mag) : undefined;
  if (mag && (!magnitude || !base.magnitude)) return null;
  if (times && !base.times && baseName !== '人') return null;
  if (bracket && base.dimension !== 'item') return null;
  const factor = (magnitude?.[1] ?? 1) * base.factor;
  const magEn = magnitude ? `${magnitude[2]} ` : '';
  if (baseName === '人' && times) return { name: `${mag ?? ''}人次`, dimension: 'visits', factor: magnitude?.[1] ?? 1, en: `${magEn}visits` };
  const counted = `${baseName}${times ? '次' : ''}${bracket ? `(${bracket})` : ''}`;
  const name = `${mag ?? ''}${counted}`;
  if (base.dimension === 'item' || times) return { name, dimension: 'item', factor: magnitude?.[1] ?? 1, en: `${magEn}${base.en}${times ? ' (times)' : ''}`, counts: counted };
  return { name, dimension: base.dimension, factor, en: `${magEn}${base.en}` };
}

function clean(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, '').replace(/m³/g, 'm3').replace(/m²/g, 'm2');
}

/**
 * The unit printed at the start of `text` (after a figure), longest reading first: `万亩次` over `万亩`, `万套(间)` over
 * `万套`. With `bareMagnitude`, a magnitude with no base (`80万重点群体`) reads as a count of the noun that follows.
 */
export function readUnitPrefix(text: string, bareMagnitude = false): UnitReading | null {
  const raw = text.slice(0, 16);
  // Plan text is already unified in width; only other input needs NFKC (which keeps these characters' count).
  const head = /[\uFF00-\uFFEF]/.test(raw) ? raw.normalize('NFKC') : raw;
  for (const s of SPECIAL_PREFIXES) if (head.startsWith(s)) return { info: unitInfo(s) as UnitInfo, length: s.length };
  const m = GRAMMAR.exec(head);
  if (m) {
    const info = fromParts(m[1], m[2], m[3] !== undefined, m[4]);
    // An ASCII unit must not run on into a longer code (`P` in `PPP`).
    if (info && !(/[A-Za-z]$/.test(m[0]) && /[A-Za-z]/.test(head[m[0].length] ?? ''))) return { info, length: m[0].length };
    if (m[1] && !info) return null;
  }
  if (bareMagnitude) {
    const b = BARE_MAGNITUDE.exec(head);
    if (b && /[\u4e00-\u9fff]/.test(head[b[0].length] ?? '') && !/[多余级]/.test(head[b[0].length] ?? '')) {
      const [, factor, en] = MAGNITUDES.find(([mm]) => mm === b[1]) as [string, number, string];
      return { info: { name: b[1], dimension: 'item', factor, en, counts: '' }, length: b[0].length };
    }
  }
  return null;
}

export function unitInfo(raw: string | null | undefined): UnitInfo | null {
  if (raw == null) return null;
  const s = clean(raw);
  if (s === '') return null;
  const special = SPECIAL_ALIASES[s] ?? s;
  const found = SPECIAL.find((u) => u.name === special);
  if (found) return found;
  const m = GRAMMAR.exec(s);
  if (m && m[0].length === s.length) return fromParts(m[1], m[2], m[3] !== undefined, m[4]);
  // A bare magnitude is a count of the noun beside it (`80万重点群体`): only ever compared with the same.
  const mag = MAGNITUDES.find(([mm]) => mm === s);
  if (mag) return { name: mag[0], dimension: 'item', factor: mag[1], en: mag[2], counts: '' };
  return null;
}

export function canonicalUnit(raw: string | null | undefined): string | null {
  return unitInfo(raw)?.name ?? null;
}

export function isKnownUnit(raw: string | null | undefined): boolean {
  return unitInfo(raw) !== null;
}

/** The usual spellings, for pickers and messages: every base with the magnitudes plans print. */
export function knownUnits(): string[] {
  const names = new Set<string>(SPECIAL.map((u) => u.name));
  for (const [name, base] of Object.entries(BASES)) {
    names.add(name);
    if (base.magnitude) for (const m of ['万', '亿']) names.add(`${m}${name}`);
    if (base.times) names.add(`万${name}次`);
  }
  names.add('万亿元');
  return [...names];
}

/** The factor that turns a value in `from` into a value in `to`, or null when they cannot be compared. */
export function conversionFactor(from: string, to: string): number | null {
  const a = unitInfo(from);
  const b = unitInfo(to);
  if (!a || !b || a.dimension !== b.dimension) return null;
  // Counts of different things never convert into each other (5 套 is not 5 家, 万亩次 is not 万亩).
  if (a.dimension === 'item' && a.counts !== b.counts) return null;
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
