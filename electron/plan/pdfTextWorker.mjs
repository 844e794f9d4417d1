// Reads a PDF's text layer in a worker thread, so that the reader's limits hold whatever the file does: the
// caller terminates this thread at its deadline and caps its heap (resourceLimits). pdfjs in Node parses on the
// thread that calls it; here that is this thread, so the app's own thread keeps answering meanwhile.
// Plain JavaScript on purpose: a worker thread starts without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';

const { data, maxPages, maxChars } = workerData;

async function read() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The reading deadline starts now: loading pdfjs itself is not the file's doing (and slow on a busy machine).
  parentPort.postMessage({ ready: true });
  let doc;
  try {
    doc = await pdfjs.getDocument({ data, useWorkerFetch: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch (e) {
    return { ok: false, code: 'unparsable', detail: String(e?.message ?? e) };
  }
  if (!(doc.numPages >= 1 && doc.numPages <= maxPages)) return { ok: false, code: 'too_many_pages', pages: doc.numPages };
  const pages = [];
  let chars = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    let text;
    try {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      text = content.items.map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : '')).join('');
      page.cleanup();
    } catch (e) {
      return { ok: false, code: 'damaged', detail: String(e?.message ?? e) };
    }
    chars += text.length;
    if (chars > maxChars) return { ok: false, code: 'too_long', chars };
    pages.push(text);
  }
  await doc.destroy();
  return { ok: true, text: pages.join('\n\n') };
}

read().then(
  (result) => parentPort.postMessage(result),
  (e) => parentPort.postMessage({ ok: false, code: 'damaged', detail: String(e?.message ?? e) }),
);
