// Stored village reports (Báo cáo thôn): the newest valid one per village, who reported, quota progress.
import {CELL_TEXT_LIMIT, capLines, capText} from './cellText';
import {taskQuota} from './plan';
import {PROGRESS_LABELS} from './status';
import type {Progress, Task, Unit, VillageReport} from './types';

/** valid: counts; flagged: kept for the admin (unknown village, closed period…); replaced: superseded. */
export type VillageReportState = 'valid' | 'flagged' | 'replaced';

/** What one village answered for one task, normalised. */
export interface VillageTaskAnswer {
  tt: string;
  /** "Tình trạng thực hiện", or null when not answered / not readable. */
  progress: Progress | null;
  /** "Số lượng đã thực hiện" (for quota tasks), or null. */
  count: number | null;
  /** The task's answers as one readable text ("Tên mô hình: …; Loại mô hình: …"). */
  summary: string;
}

/** A village report as the village-reports tab holds it. */
export interface StoredVillageReport extends VillageReport {
  /** The village as the form answer named it (kept even when it matches no unit). */
  village: string;
  state: VillageReportState;
  /** Why it is flagged, or which response replaced it; '' when valid. */
  issue: string;
  tasks: VillageTaskAnswer[];
}

/** A village's result for a quota task in a period. */
export interface QuotaProgress {
  tt: string;
  /** Per village (1 when the task sets none). */
  quota: number;
  /** Codes of the villages that met it. */
  done: string[];
  /** Codes of the villages that did not (or did not report). */
  missing: string[];
  /** "x/N thôn". */
  label: string;
}

/** The active villages of the units tab, in its order. */
export function activeVillages(units: Unit[]): Unit[] {
  return units.filter(u => u.kind === 'village' && u.active);
}

/** True when `a` was submitted strictly after `b` (by instant when both read as times, else as text). */
function newer(a: StoredVillageReport, b: StoredVillageReport): boolean {
  const ta = Date.parse(a.submittedAt);
  const tb = Date.parse(b.submittedAt);
  if (!isNaN(ta) && !isNaN(tb)) return ta > tb;
  return a.submittedAt > b.submittedAt;
}

/**
 * The valid, newest report of each village for the period (flagged and replaced ones never count),
 * in the order the villages first appear. A later row wins a tie.
 */
export function latestReports(
  reports: StoredVillageReport[],
  periodId: string,
): StoredVillageReport[] {
  const best = new Map<string, StoredVillageReport>();
  for (const r of reports) {
    if (r.state !== 'valid' || r.periodId !== periodId || !r.unitCode) continue;
    const current = best.get(r.unitCode);
    if (!current || !newer(current, r)) best.set(r.unitCode, r);
  }
  return [...best.values()];
}

/** Which of the villages have a valid report for the period, and which have none (villages' order). */
export function villageReporting(
  reports: StoredVillageReport[],
  periodId: string,
  villages: Unit[],
): {reported: Unit[]; missing: Unit[]} {
  const have = new Set(latestReports(reports, periodId).map(r => r.unitCode));
  return {
    reported: villages.filter(v => have.has(v.code)),
    missing: villages.filter(v => !have.has(v.code)),
  };
}

/** One village's answer for a task in its report, or null. */
export function taskAnswer(
  report: StoredVillageReport,
  tt: string,
): VillageTaskAnswer | null {
  return report.tasks.find(t => t.tt === tt) ?? null;
}

/** True when the answer meets the quota: count ≥ quota, or marked done. */
export function meetsQuota(
  answer: VillageTaskAnswer | null,
  quota: number,
): boolean {
  if (!answer) return false;
  if (answer.progress === 'done') return true;
  return answer.count !== null && answer.count >= quota;
}

/**
 * Per-village results of a quota task ("1 mô hình/thôn"): a village is done when, in its newest
 * valid report of the period (or of any of the periods given, e.g. every period so far), its answer's
 * count reaches the quota or its progress is "Đã hoàn thành".
 */
export function quotaProgress(
  task: Pick<Task, 'tt' | 'text' | 'product' | 'quotaPerVillage'>,
  reports: StoredVillageReport[],
  periodId: string | readonly string[],
  villages: Unit[],
): QuotaProgress {
  const quota = task.quotaPerVillage ?? taskQuota(task) ?? 1;
  const ids = typeof periodId === 'string' ? [periodId] : [...periodId];
  const met = new Set<string>();
  for (const id of ids) {
    for (const r of latestReports(reports, id)) {
      if (meetsQuota(taskAnswer(r, task.tt), quota)) met.add(r.unitCode);
    }
  }
  const done = villages.filter(v => met.has(v.code)).map(v => v.code);
  const missing = villages.filter(v => !met.has(v.code)).map(v => v.code);
  return {
    tt: task.tt,
    quota,
    done,
    missing,
    label: `${done.length}/${villages.length} thôn`,
  };
}

/** One row of the per-village table of a period (for the summary and the admin). */
export interface VillageRow {
  unitCode: string;
  name: string;
  reported: boolean;
  submittedAt: string | null;
  reporter: string;
  /** Per task tt: the progress label, count and summary the village gave ('' when not answered). */
  tasks: Record<
    string,
    {progress: string; count: number | null; summary: string}
  >;
  difficulties: string;
  proposals: string;
  evidence: string[];
}

/** The per-village table of a period: one row per village, with its newest valid answers. */
export function villageTable(
  reports: StoredVillageReport[],
  periodId: string,
  villages: Unit[],
): VillageRow[] {
  const byCode = new Map(
    latestReports(reports, periodId).map(r => [r.unitCode, r] as const),
  );
  return villages.map(v => {
    const r = byCode.get(v.code);
    const tasks: VillageRow['tasks'] = {};
    for (const t of r?.tasks ?? []) {
      tasks[t.tt] = {
        progress: t.progress ? PROGRESS_LABELS[t.progress] : '',
        count: t.count,
        summary: t.summary,
      };
    }
    return {
      unitCode: v.code,
      name: v.name,
      reported: Boolean(r),
      submittedAt: r ? r.submittedAt : null,
      reporter: r ? r.reporter : '',
      tasks,
      difficulties: r ? r.difficulties : '',
      proposals: r ? r.proposals : '',
      evidence: r ? r.evidence : [],
    };
  });
}

/** What storing an incoming response means for the stored ones. */
export interface SubmissionPlan {
  /** 'duplicate': the same response id is stored already, change nothing. */
  action: 'duplicate' | 'store';
  /** Stored reports (by index) the incoming valid one replaces: same village and period, still valid. */
  replaces: number[];
}

/**
 * Decides how an incoming report is stored: a response id already stored is a duplicate delivery
 * (nothing changes); a valid report replaces the village's earlier valid ones for the period.
 * Flagged reports never replace anything.
 */
export function planSubmission(
  stored: StoredVillageReport[],
  incoming: StoredVillageReport,
): SubmissionPlan {
  if (stored.some(r => r.responseId === incoming.responseId)) {
    return {action: 'duplicate', replaces: []};
  }
  const replaces: number[] = [];
  if (incoming.state === 'valid') {
    stored.forEach((r, i) => {
      if (
        r.state === 'valid' &&
        r.unitCode === incoming.unitCode &&
        r.periodId === incoming.periodId
      ) {
        replaces.push(i);
      }
    });
  }
  return {action: 'store', replaces};
}

/** The issue text of a report replaced by a newer one. */
export function replacedIssue(byResponseId: string): string {
  return `Đã được thay bằng phản hồi ${byResponseId}`;
}

/** What the answersJson column holds. */
interface ReportJson {
  v: 1;
  answers: VillageReport['answers'];
  tasks: VillageTaskAnswer[];
}

/** The per-task answers as the answersJson cell stores them. */
export function encodeAnswers(
  report: Pick<StoredVillageReport, 'answers' | 'tasks'>,
): string {
  const json: ReportJson = {v: 1, answers: report.answers, tasks: report.tasks};
  return JSON.stringify(json);
}

const PROGRESS_VALUES = new Set<string>(Object.keys(PROGRESS_LABELS));

/** Sets an own, enumerable property, even one named "__proto__" (a plain assignment would drop it). */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Reads an answersJson cell back; unreadable text gives empty answers (never throws). */
export function decodeAnswers(
  text: string,
): Pick<StoredVillageReport, 'answers' | 'tasks'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(text ?? ''));
  } catch {
    return {answers: {}, tasks: []};
  }
  if (!parsed || typeof parsed !== 'object') return {answers: {}, tasks: []};
  const obj = parsed as Partial<ReportJson>;
  const answers: VillageReport['answers'] = {};
  if (obj.answers && typeof obj.answers === 'object') {
    for (const [tt, byTitle] of Object.entries(obj.answers)) {
      if (!byTitle || typeof byTitle !== 'object') continue;
      const row: Record<string, string> = {};
      for (const [title, value] of Object.entries(byTitle))
        setOwn(row, title, String(value ?? ''));
      setOwn(answers, tt, row);
    }
  }
  const tasks: VillageTaskAnswer[] = [];
  if (Array.isArray(obj.tasks)) {
    for (const t of obj.tasks as Partial<VillageTaskAnswer>[]) {
      if (!t || typeof t !== 'object') continue;
      const progress = PROGRESS_VALUES.has(String(t.progress))
        ? (t.progress as Progress)
        : null;
      const count =
        typeof t.count === 'number' && isFinite(t.count) ? t.count : null;
      tasks.push({
        tt: String(t.tt ?? ''),
        progress,
        count,
        summary: String(t.summary ?? ''),
      });
    }
  }
  return {answers, tasks};
}

/**
 * The report with every text small enough for its cell in the village-reports tab: the answers'
 * JSON and readable text, evidence, difficulties, proposals and the rest. The longest answers are
 * shortened first (with CUT_MARK); the full answers stay in the form's response tab.
 */
export function fitReport(
  report: StoredVillageReport,
  limit: number = CELL_TEXT_LIMIT,
): StoredVillageReport {
  const cap = (t: string) => capText(t, limit);
  const fitted: StoredVillageReport = {
    ...report,
    village: cap(report.village),
    reporter: cap(report.reporter),
    phone: cap(report.phone),
    difficulties: cap(report.difficulties),
    proposals: cap(report.proposals),
    issue: cap(report.issue),
    evidence: capLines(report.evidence, limit),
    answers: Object.fromEntries(
      Object.entries(report.answers).map(([tt, byTitle]) => [tt, {...byTitle}]),
    ),
    tasks: report.tasks.map(t => ({...t})),
  };
  /** Every answer text and task summary, as slots that can be shortened. */
  const slots = () => [
    ...Object.values(fitted.answers).flatMap(byTitle =>
      Object.keys(byTitle).map(title => ({
        get: () => byTitle[title],
        set: (v: string) => {
          byTitle[title] = v;
        },
      })),
    ),
    ...fitted.tasks.map(t => ({
      get: () => t.summary,
      set: (v: string) => {
        t.summary = v;
      },
    })),
  ];
  const readable = () =>
    fitted.tasks.reduce((n, t) => n + t.summary.length + 40, 0);
  for (let round = 0; round < 200; round++) {
    if (encodeAnswers(fitted).length <= limit && readable() <= limit) break;
    const longest = slots().reduce<ReturnType<typeof slots>[number] | null>(
      (best, s) => (!best || s.get().length > best.get().length ? s : best),
      null,
    );
    if (!longest || longest.get().length <= 200) break;
    longest.set(capText(longest.get(), Math.floor(longest.get().length / 2)));
  }
  return fitted;
}
