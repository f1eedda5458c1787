// Sheet protections, applied fail-closed: the new ones are built before the old ones go, never a less protected moment.

/** Every protection this project makes carries this prefix, so re-running set-up replaces only ours. */
export const PROTECTION_PREFIX = 'Dân vận:';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** A whole-sheet protection: admins only (plus `editors`), optionally with holes anyone may edit. */
export interface SheetRule {
  sheet: Sheet;
  description: string;
  /** Who may edit besides the owner and the running admin (valid addresses only). */
  editors: string[];
  /** Ranges of the sheet every editor of the file may edit (Google's "except certain cells"). */
  unprotected?: Range[];
}

/** A range protection: only `editors` (plus the owner and the running admin) may edit it. */
export interface RangeRule {
  range: Range;
  description: string;
  editors: string[];
}

export interface ProtectionPlan {
  sheets: SheetRule[];
  ranges: RangeRule[];
}

/** Raised when a protection could not be built; the protections that were there before stay. */
export class ProtectionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtectionFailure';
  }
}

const ours = (p: Protection) =>
  String(p.getDescription()).startsWith(PROTECTION_PREFIX);

/**
 * How far a protection is known to be: `new` (just made: it mirrors the file's permissions until its
 * editors first change, developers.google.com/apps-script/reference/spreadsheet/range#protect), `ours`
 * (restricted by an earlier run: it carries our description, set only once restricting succeeded),
 * or unknown.
 */
export type ProtectionState = 'new' | 'ours' | 'unknown';

/**
 * Restricts a protection to `editors`, in the order Google's own sample uses: the running user is
 * added first (removing editors could otherwise remove access the script needs), then the others
 * are removed, then the wanted ones added. Each step leaves the protection at least as strict as the
 * end state, so a failure part-way is never more open than the plan.
 *
 * A `new` protection restricts nothing yet, so the running user and the wanted editors go in with
 * its first change (one call), then the others are removed: every step is at least as strict as
 * before. On one of `ours` the running user is added only when missing from its editors.
 */
export function restrictTo(
  p: Protection,
  editors: string[],
  me: string,
  state: ProtectionState = 'unknown',
): void {
  const keep = new Set(editors.map(e => e.toLowerCase()));
  const mine = me.toLowerCase();
  if (me) keep.add(mine);
  if (state === 'new' && keep.size) {
    p.addEditors(distinctAddresses([me, ...editors]));
    const now = p.getEditors().map(u => String(u.getEmail() || ''));
    const extra = now.filter(e => e && !keep.has(e.toLowerCase()));
    if (extra.length) p.removeEditors(extra);
    if (p.canDomainEdit()) p.setDomainEdit(false);
    return;
  }
  let present: string[] | null = null;
  const read = () =>
    p.getEditors().map(u => String(u.getEmail() || '').toLowerCase());
  if (state === 'ours') {
    present = read();
    if (me && !present.includes(mine)) {
      p.addEditor(me);
      present.push(mine);
    }
  } else {
    if (me) p.addEditor(me);
    present = read();
  }
  const remove = present.filter(e => e && !keep.has(e));
  if (remove.length) p.removeEditors(remove);
  if (p.canDomainEdit()) p.setDomainEdit(false);
  const add = [...keep].filter(e => !present.includes(e) && e !== mine);
  if (add.length) p.addEditors(add);
}

/** The addresses without blanks and without repeats whatever their case, first spelling kept. */
function distinctAddresses(emails: readonly string[]): string[] {
  const first = new Map<string, string>();
  for (const e of emails)
    if (e && !first.has(e.toLowerCase())) first.set(e.toLowerCase(), e);
  return [...first.values()];
}

function sheetName(sheet: Sheet): string {
  try {
    return sheet.getName();
  } catch {
    return '';
  }
}

function failure(what: string, e: unknown): ProtectionFailure {
  const text = (e instanceof Error ? e.message : String(e)).replace(
    /^Exception:\s*/,
    '',
  );
  return new ProtectionFailure(
    `Không đặt được quyền sửa cho ${what}: ${text}. Các quyền sửa cũ được giữ nguyên; vui lòng kiểm tra lại rồi chạy lại thiết lập.`,
  );
}

/** How applyProtections may save calls when the caller knows more than the plan says. */
export interface ApplyOptions {
  /**
   * The sheets whose old range protections of ours are replaced (and whose sheet protections of
   * ours go when the plan no longer rules them). Default: every sheet of the plan.
   */
  rangeSheets?: Sheet[];
  /**
   * Sheets this run inserted: they have no protection yet, so the new sheet protection is neither
   * warning-only nor has holes to clear (Sheet.protect() on an unprotected sheet makes a new,
   * blocking protection: developers.google.com/apps-script/reference/spreadsheet/sheet#protect).
   */
  fresh?: ReadonlySet<Sheet>;
}

/**
 * Applies the plan fail-closed. Sheet protections (one per sheet in Google) are tightened in place;
 * range protections are built anew while the old ones still stand, and the old ones of ours are
 * removed only once every new one is in place. If a call fails, the new range protections made so
 * far are removed and the old ones stay, and a ProtectionFailure says what failed.
 */
export function applyProtections(
  plan: ProtectionPlan,
  me: string,
  options: ApplyOptions = {},
): void {
  const ruled = new Set(plan.sheets.map(r => r.sheet));
  const rangeSheets = options.rangeSheets ?? [
    ...new Set([
      ...plan.sheets.map(r => r.sheet),
      ...plan.ranges.map(r => r.range.getSheet()),
    ]),
  ];
  // The old range protections of ours (and sheet ones the plan no longer wants), read first.
  const old: Protection[] = [];
  for (const sheet of new Set(rangeSheets)) {
    old.push(
      ...sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter(ours),
    );
    if (!ruled.has(sheet))
      old.push(
        ...sheet
          .getProtections(SpreadsheetApp.ProtectionType.SHEET)
          .filter(ours),
      );
  }
  const made: Protection[] = [];
  // Named only when a call fails (the name costs a call).
  let what = (): string => '';
  try {
    for (const rule of plan.sheets) {
      what = () => `trang "${sheetName(rule.sheet)}"`;
      const fresh = options.fresh?.has(rule.sheet) ?? false;
      const description = `${PROTECTION_PREFIX} ${rule.description}`;
      const p = rule.sheet.protect();
      // Ours from an earlier run when it carries our description (set last, below).
      const known = !fresh && p.getDescription() === description;
      if (!fresh && p.isWarningOnly()) p.setWarningOnly(false);
      restrictTo(
        p,
        rule.editors,
        me,
        fresh ? 'new' : known ? 'ours' : 'unknown',
      );
      if (!fresh || rule.unprotected?.length)
        p.setUnprotectedRanges(rule.unprotected ?? []);
      if (!known) p.setDescription(description);
    }
    for (const rule of plan.ranges) {
      what = () => `"${rule.description}"`;
      const p = rule.range.protect();
      made.push(p);
      p.setDescription(`${PROTECTION_PREFIX} ${rule.description}`);
      restrictTo(p, rule.editors, me, 'new');
    }
  } catch (e) {
    for (const p of made) {
      try {
        p.remove();
      } catch {
        // Left in place: it only restricts more, never less.
      }
    }
    throw failure(what(), e);
  }
  for (const p of old) p.remove();
}

/**
 * Makes a tab the script writes admin-only (a blocking sheet protection of ours, in place): used
 * for tabs made after set-up, such as the summary tabs.
 */
export function protectAdminTab(
  sheet: Sheet,
  description: string,
  editors: string[],
  me: string,
): void {
  const p = sheet.protect();
  if (p.isWarningOnly()) p.setWarningOnly(false);
  restrictTo(p, editors, me);
  p.setDescription(`${PROTECTION_PREFIX} ${description}`);
}

/**
 * protectAdminTab as one Sheets API request (for a tab added in the same batchUpdate, so it is
 * admin-only before anything is written into it): blocking, the editors and the user the script
 * runs as only, not the whole domain (the owner always may edit).
 */
export function adminTabProtectionRequest(
  sheetId: number,
  description: string,
  editors: string[],
  me: string,
): GoogleAppsScript.Sheets.Schema.Request {
  return {
    addProtectedRange: {
      protectedRange: {
        range: {sheetId},
        description: `${PROTECTION_PREFIX} ${description}`,
        warningOnly: false,
        editors: {
          users: distinctAddresses([me, ...editors]),
          domainUsersCanEdit: false,
        },
      },
    },
  };
}

/** True when the sheet has a blocking sheet protection of ours. */
export function hasOurSheetProtection(sheet: Sheet): boolean {
  return sheet
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .some(p => ours(p) && !p.isWarningOnly());
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
