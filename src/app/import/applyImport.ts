// Use case "Nạp kế hoạch mới", step 2: writes a previewed plan as a fresh workbook or as the next half-year.
import {formatVnDate} from '../../core/dates';
import {bumpSnapshotVersion} from '../../workbook/snapshotVersion';
import {halfYearOf} from '../../core/import/header';
import type {ImportPreviewData} from '../../core/import/planImport';
import {readQuotaPerVillage} from '../../core/plan';
import {normalizeKey} from '../../core/text';
import type {
  Plan,
  ReportingPeriod,
  Task,
  Unit,
  UnitGroup,
} from '../../core/types';
import {compactKey} from '../../core/units';
import {withDocumentLock, LockBusyError} from '../../services/lock';
import {getDocProperty, setDocProperty} from '../../services/properties';
import {removeJson} from '../../services/cache';
import {effectiveUserEmail} from '../../services/user';
import {appendHistory} from '../../workbook/history';
import {partitionAddresses} from '../../core/trustedPeople';
import {applyProtections} from '../../workbook/protect';
import {
  ASSIGNMENTS,
  FORM_LINKS,
  GROUPS,
  HISTORY,
  PERIODS,
  SETTINGS,
  SUMMARY_PREFIX,
  TASKS,
  UNITS,
  VILLAGE_REPORTS,
} from '../../workbook/schema';
import {notGrantedMessage} from '../admin';
import {setupInsideLock, type SetupAdditions} from '../setup';
import {previewKey, storedPreview} from './importPreview';
import {readImportState, type ImportWorkbookState} from './workbookState';

export type ImportMode = 'replace' | 'next';

export interface ApplyImportResult {
  ok: boolean;
  message: string;
  mode: ImportMode | '';
  tasks: number;
  assignments: number;
  /** The new reporting periods' ids. */
  periods: string[];
  /** Tabs of the previous half-year kept under their archive names (mode "next"). */
  archivedTabs: string[];
  addedUnits: string[];
  addedGroups: string[];
  /** Old village forms closed to new answers. */
  closedForms: number;
  problems: string[];
}

/** The document property listing the archived half-years. */
export const ARCHIVES_KEY = 'planArchives';

export interface ArchiveRecord {
  label: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  archivedAt: string;
  tabs: string[];
}

function fail(message: string, mode: ImportMode | '' = ''): ApplyImportResult {
  return {
    ok: false,
    message,
    mode,
    tasks: 0,
    assignments: 0,
    periods: [],
    archivedTabs: [],
    addedUnits: [],
    addedGroups: [],
    closedForms: 0,
    problems: [],
  };
}

/** "cuối 2025" for the half-year the old plan covered (its title, else its start date). */
export function archiveLabel(title: string, periodStart: string): string {
  const span = halfYearOf(title);
  const start =
    span?.start ??
    (/(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(periodStart)
      ? isoOf(periodStart)
      : '');
  if (!start) return 'kế hoạch cũ';
  const year = start.slice(0, 4);
  const whole =
    span && span.end.slice(5) === '12-31' && span.start.slice(5) === '01-01';
  if (whole) return `năm ${year}`;
  return `${start.slice(5) < '07-01' ? 'đầu' : 'cuối'} ${year}`;
}

function isoOf(vn: string): string {
  const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(vn);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
}

const vnDate = (iso: string): string => formatVnDate(iso);

/** A tab name not taken yet: "Lưu cuối 2025 - Nhiệm vụ", then "… (2)". Sheets cap names at 100 characters. */
function freeName(base: string, taken: Set<string>): string {
  const cut = base.slice(0, 95);
  let name = cut;
  for (let n = 2; taken.has(name); n++) name = `${cut} (${n})`;
  taken.add(name);
  return name;
}

/** The new plan, its extra units and groups, and the settings it overrides. */
function planOf(
  preview: ImportPreviewData,
  state: ImportWorkbookState,
): {
  plan: Plan;
  additions: SetupAdditions;
  addedUnits: string[];
  addedGroups: string[];
} {
  const p = preview.plan;
  // The admin's "village form" choice carries over to a task the new plan words the same way.
  const villageForm = new Map(
    state.data.tasks
      .filter(t => t.villageForm === true || t.villageForm === false)
      .map(t => [compactKey(t.text), t.villageForm] as const),
  );
  const tasks: Task[] = p.tasks.map(t => {
    const task: Task = {
      tt: t.tt,
      text: t.text,
      lead: t.lead,
      support: t.support,
      timelineText: t.timelineText,
      product: t.product,
      quotaPerVillage: readQuotaPerVillage(t.text),
    };
    const choice = villageForm.get(compactKey(t.text));
    if (choice !== undefined) task.villageForm = choice;
    return task;
  });
  const periods: ReportingPeriod[] = p.periods.map((period, i) => ({
    ...period,
    id: `KY${state.nextPeriodNumber + i}`,
    reminderOffsets: [...state.settings.dueReminderDays],
  }));
  const taken = new Set(state.units.map(u => u.code));
  const units: Unit[] = [];
  const groups: UnitGroup[] = [];
  const note = `Thêm khi nạp kế hoạch ${p.number || p.title}: kiểm tra tên, loại, nhóm và e-mail.`;
  for (const x of preview.units.proposed) {
    if (x.type === 'unit') {
      if (taken.has(x.code)) continue;
      taken.add(x.code);
      units.push({
        code: x.code,
        name: x.text,
        kind: x.kind,
        aliases: [],
        tags: [...x.tags],
        person: '',
        emails: [],
        phone: '',
        active: true,
        sample: false,
        note,
      });
    } else if (
      !state.groups.some(g => compactKey(g.phrase) === compactKey(x.text))
    ) {
      groups.push({phrase: x.text, tag: x.tag, note});
    }
  }
  // The office reports go through, as the workbook names it.
  const via = p.reportTo
    ? (state.units.find(u =>
        [u.name, ...u.aliases].some(
          n => compactKey(n) === compactKey(p.reportTo),
        ),
      )?.name ?? p.reportTo)
    : '';
  const settings: Record<string, unknown> = {
    planTitle: p.title,
    planNumber: p.number,
    planDate: vnDate(p.date),
    periodStart: vnDate(p.periodStart),
    periodEnd: vnDate(p.periodEnd),
  };
  const keep = (key: string, value: string) => {
    if (value.trim()) settings[key] = value;
  };
  keep('commune', p.commune);
  keep('issuer', p.issuer);
  keep('parentBody', p.parentBody);
  keep('signerName', p.signer);
  keep('signerTitle', p.signerTitle);
  keep('place', p.place);
  keep('reportTo', via);
  const plan: Plan = {
    title: p.title,
    number: p.number,
    commune: p.commune || state.settings.commune,
    issuer: p.issuer || state.settings.issuer,
    parentBody: p.parentBody || state.settings.parentBody,
    reportTo: via || state.settings.reportTo,
    signerName: p.signer || state.settings.signerName,
    signerTitle: p.signerTitle || state.settings.signerTitle,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    tasks,
    periods,
    units: state.units,
    groups: state.groups,
  };
  return {
    plan,
    additions: {units, groups, settings},
    addedUnits: units.map(u => `${u.name} (${u.code})`),
    addedGroups: groups.map(g => g.phrase),
  };
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A tab's values before the import, to put back if the import fails half-way. */
interface Snapshot {
  name: string;
  values: unknown[][];
}

function snapshot(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  names: string[],
): Snapshot[] {
  const out: Snapshot[] = [];
  for (const name of names) {
    const sheet = ss.getSheetByName(name);
    if (sheet && sheet.getLastRow() > 0)
      out.push({name, values: sheet.getDataRange().getValues()});
  }
  return out;
}

/**
 * google.script.run from the import dialog: writes the previewed plan. "replace" fills a workbook that
 * has no reported data; "next" archives the current half-year (tabs renamed, admin-only, out of the
 * daily job and the sidebar) and starts the new one with the same units, groups and settings. Under the
 * document lock; all or nothing. Admins only.
 */
export function runApplyImportedPlan(
  token: unknown,
  options: unknown,
): ApplyImportResult {
  const mode = (options as {mode?: unknown} | null)?.mode;
  if (mode !== 'replace' && mode !== 'next')
    return fail(
      'Hãy chọn cách nạp: thay thế kế hoạch (bảng tính chưa có dữ liệu) hoặc nửa năm tiếp theo.',
    );
  try {
    return withDocumentLock(() => {
      try {
        return applyLocked(String(token ?? ''), mode);
      } finally {
        // Tabs renamed, added or restored: the sidebar's cached snapshot of them is out of date.
        bumpSnapshotVersion();
      }
    }, 60000);
  } catch (e) {
    if (e instanceof LockBusyError) return fail(e.message, mode);
    throw e;
  }
}

function applyLocked(token: string, mode: ImportMode): ApplyImportResult {
  const state = readImportState();
  if (!state.isAdmin)
    return fail('Chỉ cán bộ quản trị được nạp kế hoạch mới.', mode);
  const notGranted = notGrantedMessage(
    'nạp kế hoạch mới',
    SpreadsheetApp.getActive(),
  );
  if (notGranted) return fail(notGranted, mode);
  const stored = storedPreview(token);
  if (!stored || normalizeKey(stored.user) !== normalizeKey(state.user))
    return fail(
      'Bản xem trước đã hết hạn hoặc đã được áp dụng. Vui lòng chọn lại tệp để xem trước.',
      mode,
    );
  if (mode === 'replace' && state.dataReasons.length)
    return fail(
      `Bảng tính đã có dữ liệu (${state.dataReasons.join(', ')}), không thể thay thế. Hãy chọn "Nửa năm tiếp theo": kế hoạch cũ được lưu trữ, không mất gì.`,
      mode,
    );
  if (mode === 'next' && !state.hasPlan)
    return fail(
      'Bảng tính chưa có kế hoạch nào để chuyển sang nửa năm tiếp theo: hãy chọn "Thay thế".',
      mode,
    );

  const {ss, clock} = state;
  const {plan, additions, addedUnits, addedGroups} = planOf(
    stored.preview,
    state,
  );
  const label = archiveLabel(
    state.settings.planTitle,
    state.settings.periodStart,
  );
  const before = new Set(ss.getSheets().map(s => s.getName()));
  const taken = new Set(before);
  const planTabs =
    mode === 'next'
      ? [TASKS, ASSIGNMENTS, PERIODS, VILLAGE_REPORTS, FORM_LINKS, HISTORY].map(
          s => s.name,
        )
      : [TASKS, ASSIGNMENTS, PERIODS, FORM_LINKS].map(s => s.name);
  const summaries =
    mode === 'next'
      ? [...before].filter(n => n.startsWith(`${SUMMARY_PREFIX} `))
      : [];
  const kept = snapshot(ss, [SETTINGS.name, UNITS.name, GROUPS.name]);
  const oldForms = state.data.periods.map(p => p.formId).filter(Boolean);
  const moved: Array<{sheet: Sheet; from: string}> = [];
  let report;
  try {
    for (const name of [...planTabs, ...summaries]) {
      const sheet = ss.getSheetByName(name);
      if (!sheet) continue;
      const to =
        mode === 'next'
          ? freeName(`Lưu ${label} - ${name}`, taken)
          : freeName(`~ ${name} (cũ)`, taken);
      sheet.setName(to);
      moved.push({sheet, from: name});
    }
    report = setupInsideLock(plan, additions);
    const me = effectiveUserEmail();
    if (mode === 'next') {
      // Archived tabs become admin-only (fail-closed: the sheet protection is tightened before the
      // old unit blocks of ours on them are removed).
      const editors = partitionAddresses(state.settings.adminEmails).valid;
      applyProtections(
        {
          sheets: moved.map(({sheet}) => ({
            sheet,
            description: `Lưu trữ kế hoạch ${label}: chỉ để xem`,
            editors,
          })),
          ranges: [],
        },
        me,
      );
    }
  } catch (e) {
    rollback(ss, before, moved, kept);
    return fail(
      `Không nạp được kế hoạch (${(e as Error).message}). Bảng tính được giữ nguyên như trước khi nạp.`,
      mode,
    );
  }
  if (mode === 'replace') for (const {sheet} of moved) ss.deleteSheet(sheet);
  const problems = [...report.problems];
  const closedForms = closeForms(oldForms, problems);
  const archivedTabs = mode === 'next' ? moved.map(m => m.sheet.getName()) : [];
  if (mode === 'next') {
    const archives = readArchives();
    archives.push({
      label,
      title: state.settings.planTitle,
      periodStart: state.settings.periodStart,
      periodEnd: state.settings.periodEnd,
      archivedAt: clock.now.toISOString(),
      tabs: archivedTabs,
    });
    setDocProperty(ARCHIVES_KEY, JSON.stringify(archives));
  }
  removeJson(previewKey(token));
  const what =
    mode === 'next'
      ? `Chuyển sang kế hoạch mới; kế hoạch ${label} được lưu trữ (${archivedTabs.length} trang).`
      : 'Thay thế kế hoạch trong bảng tính chưa có dữ liệu.';
  appendHistory(ss, clock, [
    {
      action: 'Nạp kế hoạch mới',
      target: plan.number ? `Kế hoạch ${plan.number}` : plan.title,
      note: `${what} ${report.tasks} nhiệm vụ, ${report.assignments} phân công, kỳ báo cáo ${plan.periods.map(p => p.id).join(', ')}.`,
    },
  ]);
  return {
    ok: true,
    message: `${what} ${report.tasks} nhiệm vụ, ${report.assignments} phân công.`,
    mode,
    tasks: report.tasks,
    assignments: report.assignments,
    periods: plan.periods.map(p => p.id),
    archivedTabs,
    addedUnits,
    addedGroups,
    closedForms,
    problems,
  };
}

/** The archived half-years recorded so far. */
export function readArchives(): ArchiveRecord[] {
  try {
    const v = JSON.parse(getDocProperty(ARCHIVES_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as ArchiveRecord[]) : [];
  } catch {
    return [];
  }
}

/** Puts the workbook back as it was: new tabs removed, moved tabs renamed back, kept tabs' values restored. */
function rollback(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  before: Set<string>,
  moved: Array<{sheet: Sheet; from: string}>,
  kept: Snapshot[],
): void {
  const movedSheets = new Set(moved.map(m => m.sheet.getSheetId()));
  for (const sheet of ss.getSheets()) {
    if (movedSheets.has(sheet.getSheetId())) continue;
    if (
      !before.has(sheet.getName()) ||
      moved.some(m => m.from === sheet.getName())
    )
      ss.deleteSheet(sheet);
  }
  for (const {sheet, from} of moved) sheet.setName(from);
  for (const k of kept) {
    const sheet = ss.getSheetByName(k.name);
    if (!sheet) continue;
    sheet.clearContents();
    sheet
      .getRange(1, 1, k.values.length, k.values[0].length)
      .setValues(k.values);
  }
}

/** Closes the previous periods' village forms to new answers (a closed form says why). */
function closeForms(ids: string[], problems: string[]): number {
  let closed = 0;
  for (const id of [...new Set(ids)]) {
    try {
      FormApp.openById(id)
        .setAcceptingResponses(false)
        .setCustomClosedFormMessage(
          'Kỳ báo cáo của biểu mẫu này đã kết thúc. Vui lòng dùng biểu mẫu của kỳ báo cáo mới do UBND xã gửi.',
        );
      closed++;
    } catch (e) {
      problems.push(
        `Không đóng được biểu mẫu cũ ${id}: ${(e as Error).message}`,
      );
    }
  }
  return closed;
}
