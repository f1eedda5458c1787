// Use case "Tổng hợp toàn thành phố": reads every commune's summary block in budgeted runs, then builds the roll-up.
import {
  cityBlock,
  cityPeriod,
  cityRollup,
  cityRollupGrid,
  cityRollupSheetName,
  type CityRollup,
  type CommuneOutcome,
} from '../../core/city/rollup';
import {cityDigestMail} from '../../core/city/cityMail';
import {formatVnDate} from '../../core/dates';
import {
  blockRows,
  parseBlockFiles,
  summaryFilesKey,
} from '../../core/summaryBlock';
import {chartColor} from '../../core/summaryFigures';
import {formatVnDateTime} from '../../core/summaryGrid';
import {DEFAULT_PLAN} from '../../plan/defaultPlan';
import {now, runClock, type RunClock} from '../../services/clock';
import {withDocumentLock} from '../../services/lock';
import {remainingMailQuota, sendMail} from '../../services/mail';
import {getDocProperty, setDocProperty} from '../../services/properties';
import {effectiveUserEmail} from '../../services/user';
import {dateToIsoDateTime} from '../../workbook/cells';
import {
  appendReads,
  CITY_READS,
  COMMUNES,
  ensureTab,
  readCommunes,
  readRound,
} from '../../workbook/cityTabs';
import {appendHistory} from '../../workbook/history';
import {appendMailLog, loadMailLog} from '../../workbook/mailLog';
import {SETTINGS} from '../../workbook/schema';
import {parseSettings, type Settings} from '../../workbook/settings';
import {chartSpecs, syncCharts} from '../../workbook/summaryCharts';
import {writeSummarySheet} from '../../workbook/summarySheet';
import {readTable, writeTable} from '../../workbook/table';
import {settingsValues} from '../../workbook/workbook';
import {readPeriods} from '../summary';
import {readCommune} from './readCommune';

/** The one-off trigger's handler that continues a round. */
export const CITY_CONTINUATION_HANDLER = 'cityRollupContinue';
/** Where the round in progress is remembered. */
export const CITY_ROUND_KEY = 'city.round';
/** A run stops reading once this much time has passed (Apps Script stops a run at 6 minutes). */
export const CITY_RUN_BUDGET_MS = 4.5 * 60 * 1000;
/** And after this many communes, whatever the clock says (a safety bound; ~6 calls each). */
export const CITY_MAX_READS_PER_RUN = 1200;
const CONTINUATION_DELAY_MS = 60 * 1000;

/** The round in progress: one pass over the communes for one period on one day. */
export interface RoundState {
  /** "KY1@2025-09-02". */
  round: string;
  periodId: string;
  /** Index of the next commune to read. */
  next: number;
  /** Communes listed when the round began. */
  total: number;
  runs: number;
  finished: boolean;
}

export interface CityRunOptions {
  at?: Date;
  budgetMs?: number;
  maxReads?: number;
  /** Read the whole list again today even if today's round finished (menu "Tổng hợp lại"). */
  restart?: boolean;
}

export interface CityRunResult {
  ok: boolean;
  skipped?: 'not_city' | 'no_periods' | 'no_communes' | 'done_today';
  periodId: string;
  round: string;
  /** Communes read by this run. */
  read: number;
  next: number;
  total: number;
  /** Runs this round has taken so far. */
  runs: number;
  finished: boolean;
  /** A one-off trigger will continue the round. */
  continued: boolean;
  sheetName: string;
  totals: CityRollup['totals'] | null;
  mailed: string[];
  message: string;
}

function scriptTimeZone(): string {
  return Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
}

function readState(): RoundState | null {
  try {
    const v = JSON.parse(
      getDocProperty(CITY_ROUND_KEY) ?? 'null',
    ) as RoundState | null;
    return v && typeof v.round === 'string' && Number.isInteger(v.next)
      ? v
      : null;
  } catch {
    return null;
  }
}

type Trigger = GoogleAppsScript.Script.Trigger;
const isContinuation = (t: Trigger) =>
  t.getHandlerFunction() === CITY_CONTINUATION_HANDLER &&
  String(t.getEventType()) === 'CLOCK';

/**
 * Replaces any continuation trigger by one firing in a minute: a one-off trigger stays listed after
 * it fired, so the one that started this run is deleted rather than taken for a pending one.
 */
function scheduleContinuation(): void {
  deleteContinuations();
  ScriptApp.newTrigger(CITY_CONTINUATION_HANDLER)
    .timeBased()
    .after(CONTINUATION_DELAY_MS)
    .create();
}

function deleteContinuations(): void {
  for (const t of ScriptApp.getProjectTriggers().filter(isContinuation))
    ScriptApp.deleteTrigger(t);
}

export function citySettings(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
): Settings {
  return parseSettings(
    settingsValues(readTable(ss, SETTINGS), clock.offset),
    DEFAULT_PLAN,
  );
}

function result(
  partial: Partial<CityRunResult> & Pick<CityRunResult, 'message'>,
): CityRunResult {
  return {
    ok: true,
    periodId: '',
    round: '',
    read: 0,
    next: 0,
    total: 0,
    runs: 0,
    finished: false,
    continued: false,
    sheetName: '',
    totals: null,
    mailed: [],
    ...partial,
  };
}

/**
 * One run of the city's roll-up for the current period: continues today's round where the last run
 * stopped (each commune is read once per round), reads communes until the time budget is spent,
 * appends what it read to "Xã đã đọc", and either schedules a one-off continuation or — all read —
 * rebuilds "Tổng hợp toàn thành phố <kỳ>" in place and mails the city leaders once. A commune's
 * workbook is only ever read.
 */
export function runCityRollup(options: CityRunOptions = {}): CityRunResult {
  const ss = SpreadsheetApp.getActive();
  const clock = runClock(scriptTimeZone(), options.at ?? now());
  const started = now().getTime();
  const settings = citySettings(ss, clock);
  if (settings.mode !== 'city') {
    return result({
      skipped: 'not_city',
      message:
        'Bảng tính này không ở chế độ cấp thành phố (Cấu hình → Chế độ).',
    });
  }
  const periods = readPeriods(ss, clock.offset);
  const period = cityPeriod(periods, clock.today);
  if (!period) {
    return result({
      ok: false,
      skipped: 'no_periods',
      message: 'Chưa có kỳ báo cáo nào ở trang Kỳ báo cáo.',
    });
  }
  const round = `${period.id}@${clock.today}`;
  const communes = readCommunes(ss, clock.offset);
  if (!communes.length) {
    ensureTab(ss, COMMUNES, clock.offset);
    return result({
      ok: false,
      skipped: 'no_communes',
      periodId: period.id,
      round,
      message: `Chưa có xã, phường nào ở trang "${COMMUNES.name}". Vui lòng ghi tên, đường dẫn bảng tính và email liên hệ của từng xã.`,
    });
  }

  let state = readState();
  if (!state || state.round !== round || options.restart) {
    // A new round: the reads of earlier rounds are cleared (the roll-up tab keeps their result).
    withDocumentLock(() => {
      const sheet = ensureTab(ss, CITY_READS, clock.offset);
      writeTable(sheet, CITY_READS, [], clock.offset, {
        previousLastRow: sheet.getLastRow(),
      });
    });
    state = {
      round,
      periodId: period.id,
      next: 0,
      total: communes.length,
      runs: 0,
      finished: false,
    };
  } else if (state.finished) {
    return result({
      skipped: 'done_today',
      periodId: period.id,
      round,
      next: state.next,
      total: state.total,
      runs: state.runs,
      finished: true,
      sheetName: cityRollupSheetName(period.id),
      message: `Hôm nay đã tổng hợp toàn thành phố kỳ ${period.id}.`,
    });
  }

  const budget = options.budgetMs ?? CITY_RUN_BUDGET_MS;
  const maxReads = options.maxReads ?? CITY_MAX_READS_PER_RUN;
  const total = Math.min(state.total, communes.length);
  const reads: Array<{index: number; outcome: CommuneOutcome}> = [];
  let i = state.next;
  for (; i < total; i++) {
    if (
      reads.length > 0 &&
      (now().getTime() - started >= budget || reads.length >= maxReads)
    )
      break;
    reads.push({index: i, outcome: readCommune(communes[i], period.id)});
  }
  const current: RoundState = {
    ...state,
    next: i,
    total,
    runs: state.runs + 1,
  };
  withDocumentLock(() => {
    appendReads(ss, round, reads, clock.offset);
    setDocProperty(CITY_ROUND_KEY, JSON.stringify(current));
  });
  if (i < total) {
    scheduleContinuation();
    return result({
      periodId: period.id,
      round,
      read: reads.length,
      next: i,
      total,
      runs: current.runs,
      continued: true,
      message: `Đã đọc ${i}/${total} xã, phường; lần chạy tiếp theo sẽ đọc tiếp.`,
    });
  }

  deleteContinuations();
  const built = buildRollup(
    ss,
    clock,
    settings,
    period,
    round,
    communes.slice(0, total),
  );
  setDocProperty(CITY_ROUND_KEY, JSON.stringify({...current, finished: true}));
  return result({
    periodId: period.id,
    round,
    read: reads.length,
    next: i,
    total,
    runs: current.runs,
    finished: true,
    sheetName: built.sheetName,
    totals: built.rollup.totals,
    mailed: built.mailed,
    message: built.message,
  });
}

/** The roll-up from the round's reads: the tab (in place), its block and charts, the digest mail. */
function buildRollup(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  settings: Settings,
  period: {id: string; name: string; start: string; due: string},
  round: string,
  communes: Array<{name: string; link: string; email: string}>,
): {rollup: CityRollup; sheetName: string; mailed: string[]; message: string} {
  const reads = readRound(ss, round, clock.offset);
  // Every listed commune has a row: one the round could not read (never expected) says so.
  const outcomes = communes.map(
    (entry, index) =>
      reads.get(index) ?? {
        entry,
        status: 'error' as const,
        block: null,
        spreadsheetId: '',
        detail: 'Không có kết quả đọc trong lượt này.',
      },
  );
  const asOf = dateToIsoDateTime(clock.now, clock.offset);
  const city = settings.issuer || settings.commune || 'Thành phố';
  const rollup = cityRollup(outcomes, period, asOf, city);
  const grid = cityRollupGrid(rollup, clock.offset);
  const name = cityRollupSheetName(period.id);
  const files = parseBlockFiles(getDocProperty(summaryFilesKey(name)));
  const layout = blockRows(cityBlock(rollup, files));
  const note =
    `Tổng hợp toàn thành phố kỳ ${period.id}, lập bởi ${effectiveUserEmail() || 'hệ thống'}; số liệu tính đến ${formatVnDateTime(asOf, clock.offset)}.\n` +
    'Trang do hệ thống lập từ trang tổng hợp của các xã, phường (chỉ đọc, không ghi vào bảng tính của xã).';
  const sheetId = withDocumentLock(() => {
    const sheet = writeSummarySheet(ss, grid, name, note, layout);
    syncCharts(
      sheet,
      chartSpecs(
        layout,
        {
          status: rollup.totals.counts.map(c => ({
            ...c,
            color: chartColor(c.label),
          })),
          units: [],
          villages: [],
        },
        {
          units:
            'Xã, phường: tỷ lệ nhiệm vụ không quá hạn (%) — xanh: đã báo cáo, đỏ: chưa',
        },
      ),
    );
    appendHistory(ss, clock, [
      {
        action: 'Tổng hợp toàn thành phố',
        target: name,
        note: `${rollup.totals.onTime + rollup.totals.late}/${rollup.totals.communes} xã, phường đã báo cáo; ${rollup.chase.length} cần đôn đốc.`,
      },
    ]);
    return sheet.getSheetId();
  });

  const mailed = sendDigest(ss, clock, settings, rollup, round, sheetId);
  const t = rollup.totals;
  return {
    rollup,
    sheetName: name,
    mailed,
    message:
      `Đã lập "${name}": ${t.onTime + t.late}/${t.communes} xã, phường đã báo cáo (${t.onTime} đúng hạn, ${t.late} muộn), ` +
      `${t.notYet} chưa báo cáo, ${t.unknown} chưa đọc được; hạn ${formatVnDate(period.due)}.`,
  };
}

/** The digest mail to the city leaders, once per round (mail log key). */
function sendDigest(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  settings: Settings,
  rollup: CityRollup,
  round: string,
  sheetId: number,
): string[] {
  const to = [...new Set([...settings.leaderEmails, ...settings.adminEmails])];
  if (!to.length) return [];
  const key = `city:${round}`;
  const log = loadMailLog(ss, clock.offset, clock.today);
  if (log.done.has(key) || remainingMailQuota() < to.length) return [];
  const mail = cityDigestMail(
    rollup,
    `${ss.getUrl()}#gid=${sheetId}`,
    clock.offset,
  );
  const entry = {
    key,
    to: to.join(', '),
    subject: mail.subject,
    kind: 'Tổng hợp thành phố',
    periodId: rollup.periodId,
    note: '',
  };
  // Written ahead: a run that dies while sending never sends the digest twice.
  withDocumentLock(() =>
    appendMailLog(ss, clock, [{...entry, state: 'sending'}]),
  );
  sendMail({to: to.join(','), ...mail, name: settings.senderName});
  withDocumentLock(() => appendMailLog(ss, clock, [{...entry, state: 'sent'}]));
  return to;
}
