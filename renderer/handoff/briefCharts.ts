// The charts of a briefing preview, for 保存SVG / 保存PNG / 复制图片: read from the returned HTML with
// DOMParser (an inert document: nothing in it runs), each with a title an analyst recognises.

export interface BriefChart {
  key: string;
  title: string;
  svg: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A standalone SVG file: the namespace declared and an XML prolog, as Word and browsers expect of a .svg. */
export function standaloneSvg(svg: string): string {
  const withNs = /^<svg[^>]*\sxmlns=/.test(svg) ? svg : svg.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${withNs}`;
}

export function briefChartsOf(html: string, indicatorOf: (targetId: number) => string | undefined): BriefChart[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const charts: BriefChart[] = [];
  doc.querySelectorAll('.block.chart, .trend').forEach((el, i) => {
    const svg = el.querySelector('svg');
    if (!svg) return;
    let title: string;
    if (el.classList.contains('trend')) {
      const id = Number(el.getAttribute('data-target-id'));
      title = indicatorOf(id) ?? `目标 ${id}`;
    } else {
      title = (el.querySelector('h2')?.textContent ?? '').replace(/^[一二三四五六七八九十]+、/, '');
    }
    charts.push({ key: `chart-${i}`, title, svg: svg.outerHTML });
  });
  return charts;
}

/** The chart as a PNG at `scale` × its size, on white (Word shows transparency as black in some versions). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('无法绘制图表 / Cannot draw the chart'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('无法创建画布 / No canvas');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG 编码失败 / PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Copies the PNG to the clipboard where the page may; false when the browser has no image clipboard. */
export async function copyPng(png: Promise<Blob>): Promise<boolean> {
  const clip = navigator.clipboard as Clipboard | undefined;
  if (!clip || typeof clip.write !== 'function' || typeof ClipboardItem === 'undefined') return false;
  await clip.write([new ClipboardItem({ 'image/png': png })]);
  return true;
}
