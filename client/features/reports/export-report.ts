// Saving an export: the web build downloads the file; the mini program writes it to the user's data folder
// and opens it (WeChat previews xlsx and lets the user forward or save it).
import Taro from '@tarojs/taro';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 → bytes without atob (kept platform-neutral). */
export function base64ToBytes(base64: string): Uint8Array {
  const clean = base64.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let p = 0;
  for (let i = 0; i < clean.length; i += 1) {
    buffer = (buffer << 6) | B64.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[p++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, p);
}

/** Web build: offer a Blob through a temporary download link. */
function downloadInBrowser(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** File names from the server carry Chinese unit names; keep them, drop only path characters. */
function safeName(fileName: string): string {
  return fileName.replace(/[\\/:*?"<>|]/g, '_');
}

export async function saveXlsx(file: { fileName: string; base64: string }): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = base64ToBytes(file.base64);
    downloadInBrowser(file.fileName, new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${safeName(file.fileName)}`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: file.base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (err) => reject(new Error(`保存文件失败：${err.errMsg}`)),
    });
  });
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}

/** CSV: web build only (WeChat cannot preview CSV). The server's content already starts with a BOM for Excel. */
export function saveCsv(file: { fileName: string; content: string }): void {
  downloadInBrowser(file.fileName, new Blob([file.content], { type: 'text/csv;charset=utf-8' }));
}

export const CAN_EXPORT_CSV = process.env.TARO_ENV === 'h5';
