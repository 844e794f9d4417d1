// The identity of a series as one string (label, unit, measure, frequency, region). Its own module so that
// the store and the preview can key series without loading the file readers (SheetJS and its code pages).
export function seriesKeyString(s: { label: string; unit: string; measure: string; frequency: string; region: string | null }): string {
  return JSON.stringify([s.label, s.unit, s.measure, s.frequency, s.region ?? '']);
}
