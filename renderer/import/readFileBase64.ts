// A picked file's bytes as base64, the form a file takes inside a contract call (in Electron and in the browser).
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    // A data URL is `data:<type>;base64,<data>`: the part after the first comma is the base64.
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
