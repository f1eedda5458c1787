// Sheet protections: admin-only tabs, warning-only logs, and per-unit row blocks of the assignments tab.

/** Every protection this project makes carries this prefix, so re-running set-up replaces only ours. */
export const PROTECTION_PREFIX = 'Dân vận:';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** Removes the protections of ours on a sheet (sheet- and range-level). */
export function removeOurProtections(sheet: Sheet): void {
  const types = [
    SpreadsheetApp.ProtectionType.SHEET,
    SpreadsheetApp.ProtectionType.RANGE,
  ];
  for (const type of types) {
    for (const p of sheet.getProtections(type)) {
      if (String(p.getDescription()).startsWith(PROTECTION_PREFIX)) p.remove();
    }
  }
}

/** Restricts a protection to `editors` (the script's user stays, as Google requires). */
function restrictTo(p: Protection, editors: string[], me: string): void {
  const keep = new Set(editors.map(e => e.toLowerCase()));
  if (me) keep.add(me.toLowerCase());
  const remove = p
    .getEditors()
    .map(u => u.getEmail())
    .filter(e => e && !keep.has(e.toLowerCase()));
  if (remove.length) p.removeEditors(remove);
  if (keep.size) p.addEditors([...keep]);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

export interface SheetProtectionOptions {
  description: string;
  /** Who may edit besides the owner (admins). */
  editors: string[];
  /** The script's effective user (kept as editor so the script can still write). */
  me: string;
  /** Show a warning instead of blocking (for logs written on behalf of any user). */
  warningOnly?: boolean;
  /** Ranges left editable by every editor of the file. */
  unprotected?: GoogleAppsScript.Spreadsheet.Range[];
}

/** Protects a whole sheet. */
export function protectSheet(
  sheet: Sheet,
  options: SheetProtectionOptions,
): void {
  const p = sheet
    .protect()
    .setDescription(`${PROTECTION_PREFIX} ${options.description}`);
  if (options.warningOnly) {
    p.setWarningOnly(true);
    return;
  }
  restrictTo(p, options.editors, options.me);
  if (options.unprotected?.length) p.setUnprotectedRanges(options.unprotected);
}

/** A run of consecutive assignment rows and who may edit them. */
export interface RowBlock {
  firstRow: number;
  numRows: number;
  editors: string[];
  label: string;
}

/**
 * Protects the assignments tab by row blocks: the header and rows no signed-in unit edits (admins
 * only), and one block per unit whose staff use the sidebar (that unit's e-mails plus admins).
 */
export function protectRowBlocks(
  sheet: Sheet,
  blocks: RowBlock[],
  numColumns: number,
  me: string,
): void {
  for (const b of blocks) {
    if (b.numRows <= 0) continue;
    const p = sheet
      .getRange(b.firstRow, 1, b.numRows, numColumns)
      .protect()
      .setDescription(`${PROTECTION_PREFIX} ${b.label}`);
    restrictTo(p, b.editors, me);
  }
}

/** Document property holding the protection key of the last set-up. */
export const PROTECTION_KEY_PROPERTY = 'protectionKey';

/**
 * A short key of who may edit what: the units whose staff use the sidebar with their e-mails, and
 * the admins. When it differs from the one set-up stored, the protections are out of step.
 */
export function protectionKey(
  editorUnits: ReadonlyArray<{code: string; emails: string[]}>,
  admins: string[],
): string {
  const text = JSON.stringify([
    [...editorUnits]
      .map(u => [u.code, [...u.emails].map(e => e.toLowerCase()).sort()])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    [...admins].map(e => e.toLowerCase()).sort(),
  ]);
  // FNV-1a, 32 bits, twice with different seeds: short, stable, no crypto needed.
  const hash = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return `${hash(0x811c9dc5)}${hash(0x050c5d1f)}`;
}
