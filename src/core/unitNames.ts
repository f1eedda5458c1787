// A plan's lead/support text rewritten with each unit's canonical name from Đơn vị, for formal outputs.
import {scanUnitText} from './units';
import type {Unit, UnitGroup} from './types';

/** A separator as a formal list writes it: "; ", " và ", ", " (stray dots and dashes become ", "). */
function separatorText(raw: string): string {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (/;/.test(s)) return '; ';
  if (/^và$/i.test(s)) return ' và ';
  if (s === '') return ' ';
  if (/^[/&+]$/.test(s)) return ` ${s} `;
  return ', ';
}

/**
 * Lead/support text with every matched unit written by its name in Đơn vị ("Phòng Văn hóa- Xã hôi."
 * becomes "Phòng Văn hóa - Xã hội"), groups and unmatched words kept as written, separators tidied
 * and none left at either end. Text naming nothing known comes back trimmed, as written.
 */
export function canonicalUnitText(
  text: string,
  units: Unit[],
  groups: UnitGroup[],
): string {
  const source = String(text ?? '');
  const byCode = new Map(units.map(u => [u.code, u] as const));
  let out = '';
  let sep = '';
  for (const seg of scanUnitText(source, units, groups)) {
    if (seg.kind === 'separator') {
      sep += source.slice(seg.start, seg.end);
      continue;
    }
    const piece =
      seg.kind === 'ref'
        ? seg.ref.type === 'unit'
          ? (byCode.get(seg.ref.code)?.name ?? seg.ref.text)
          : seg.ref.text
        : seg.text;
    if (out) out += separatorText(sep);
    out += piece.trim();
    sep = '';
  }
  return out || source.trim();
}
