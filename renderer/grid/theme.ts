// One grid look for every view: compact rows (analysts scan hundreds of targets), the app's CJK font.
import { provideGlobalGridOptions, themeQuartz } from 'ag-grid-community';

export const workbenchGridTheme = themeQuartz.withParams({
  spacing: 5,
  fontSize: 13,
  headerFontSize: 13,
  fontFamily: ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'],
  accentColor: '#b4232c',
  headerBackgroundColor: '#f3f4f6',
});

export function installGridDefaults(): void {
  provideGlobalGridOptions({ theme: workbenchGridTheme });
}
