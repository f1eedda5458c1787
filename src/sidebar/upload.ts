// Evidence uploads in the browser, shared by the sidebar and the link page: shrink photos, check type and size, base64, list links.
import type {UploadFile, UploadLimits} from '../shared/sidebar';

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const fr = new FileReader();
    fr.onload = () => resolve(String(fr.result));
    fr.onerror = () => reject(new Error('Không đọc được tệp.'));
    fr.readAsDataURL(blob);
  });
}

/** A photo redrawn so its longest side is at most `maxSide`, as JPEG (small enough for a slow network). */
async function shrinkImage(file: File, maxSide: number): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const i = new Image();
      i.onload = () => resolve(i);
      i.onerror = () => reject(new Error('Không mở được ảnh này.'));
      i.src = url;
    });
    const scale = Math.min(
      1,
      maxSide / Math.max(img.naturalWidth, img.naturalHeight),
    );
    const w = Math.max(1, Math.round(img.naturalWidth * scale));
    const hgt = Math.max(1, Math.round(img.naturalHeight * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = hgt;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('Trình duyệt không thu nhỏ được ảnh.');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, w, hgt);
    g.drawImage(img, 0, 0, w, hgt);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        b => (b ? resolve(b) : reject(new Error('Không thu nhỏ được ảnh.'))),
        'image/jpeg',
        0.82,
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Types browsers often leave blank or guess wrong for Office files: by extension. */
const EXT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** What `accept` on the file input lists. */
export const ACCEPT = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.pptx';

/**
 * A chosen file made ready to send: photos shrunk to `limits.imageMaxSide` as JPEG, the type
 * checked against `limits.types`, the size against `limits.maxBytes` (the server checks again).
 * `status` tells the user what is happening.
 */
export async function prepareUpload(
  file: File,
  limits: UploadLimits,
  status: (text: string) => void,
): Promise<{ok: true; file: UploadFile} | {ok: false; message: string}> {
  let blob: Blob = file;
  let type = file.type;
  let name = file.name;
  if (/^image\//.test(type)) {
    status('Đang thu nhỏ ảnh…');
    blob = await shrinkImage(file, limits.imageMaxSide);
    type = 'image/jpeg';
    name = name.replace(/\.[^.]+$/, '') + '.jpg';
  } else if (!type || !limits.types.includes(type)) {
    type = EXT_TYPES[(name.split('.').pop() || '').toLowerCase()] || type;
  }
  if (!limits.types.includes(type)) {
    return {
      ok: false,
      message:
        'Loại tệp này không được nhận. Chỉ nhận ảnh, PDF, Word, Excel, PowerPoint.',
    };
  }
  if (blob.size > limits.maxBytes) {
    return {
      ok: false,
      message: `Tệp quá lớn (tối đa ${Math.round(limits.maxBytes / 1024 / 1024)} MB).`,
    };
  }
  status('Đang tải lên…');
  const dataUrl = await readAsDataUrl(blob);
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return {ok: true, file: {name, mimeType: type, base64}};
}

/** The evidence text with `url` added as a line of its own (once). */
export function withEvidenceLink(text: string, url: string): string {
  const lines = text
    .split('\n')
    .map(s => s.trim())
    .filter(Boolean);
  if (!lines.includes(url)) lines.push(url);
  return lines.join('\n');
}

const SAFE_LINK = /^https?:\/\/[^\s<>"'`\\]+$/i;

/** Lists the evidence text's http(s) lines as links that open in a new tab (text set, never HTML). */
export function renderEvidenceLinks(ul: HTMLElement, text: string): void {
  while (ul.firstChild) ul.removeChild(ul.firstChild);
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!SAFE_LINK.test(line)) continue;
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.textContent = line;
    a.href = line;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    li.append(a);
    ul.append(li);
  }
}
