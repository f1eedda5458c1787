// Use case "Báo cáo thôn qua đường dẫn": a village head sends the period's report from the link page, through the form path.
import type {Unit} from '../core/types';
import type {FormSpec} from '../core/villageForm';
import type {
  VillageReportForm,
  VillageReportQuestion,
  VillageReportResult,
} from '../shared/link';
import {withDocumentLock} from '../services/lock';
import {readVillageReports} from '../workbook/villageReports';
import {
  LOCK_WAIT_MS,
  errorText,
  planClock,
  timestampText,
  type Actor,
  type Context,
} from './assignmentGate';
import {formSpecFor} from './formRecords';
import {processResponses} from './formSubmit';
import {authorize} from './linkAuth';

/** The questions the page does not ask: the token names the village, and proves it. */
const NOT_ASKED = new Set(['village', 'code']);

/** The page's form for a village's link: the current period's questions, as the Google Form asks them. */
export function villageReportForm(
  ctx: Context,
  unit: Unit | undefined,
): VillageReportForm | null {
  if (!unit || unit.kind !== 'village' || !ctx.period) return null;
  const spec = formSpecFor(ctx.data, ctx.period);
  const sectionOf = new Map<string, string>();
  for (const s of spec.sections)
    for (const k of s.keys) sectionOf.set(k, s.title);
  const questions: VillageReportQuestion[] = [];
  for (const it of spec.items) {
    if (it.kind === 'section' || it.kind === 'header') continue;
    if (NOT_ASKED.has(it.role)) continue;
    questions.push({
      key: it.key,
      title: it.title,
      help: it.helpText,
      kind: it.kind === 'list' ? 'choice' : it.kind,
      choices: [...it.choices],
      required: it.required,
      group: sectionOf.get(it.key) ?? '',
    });
  }
  const own = readVillageReports(ctx.ss, ctx.clock.offset).reports.filter(
    r =>
      r.unitCode === unit.code &&
      r.periodId === ctx.period?.id &&
      r.state !== 'replaced',
  );
  const last =
    own
      .map(r => r.submittedAt)
      .sort()
      .pop() ?? '';
  return {
    periodId: ctx.period.id,
    periodName: ctx.period.name,
    questions,
    lastReportText: last ? timestampText(last) : '',
  };
}

/** What the page sends: the period it showed, an id per press of "Gửi" (a retry repeats it), the answers by key. */
interface ReportPayload {
  periodId: string;
  submissionId: string;
  answers: Record<string, string>;
}

const SUBMISSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
/**
 * A bound on the work one request may cause before the form is known (a 1,300-task plan's form
 * has thousands of questions); under the lock a payload with more answers than its form has
 * questions is refused.
 */
const MAX_ANSWERS = 50000;

function readPayload(payload: unknown): ReportPayload | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    return null;
  const p = payload as Record<string, unknown>;
  const raw = p.answers;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_ANSWERS) return null;
  const answers: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (typeof v === 'string') answers[k] = v;
    else if (typeof v === 'number' && Number.isFinite(v))
      answers[k] = String(v);
    else if (v !== null && v !== undefined) return null;
  }
  return {
    periodId: typeof p.periodId === 'string' ? p.periodId : '',
    submissionId:
      typeof p.submissionId === 'string' && SUBMISSION_ID.test(p.submissionId)
        ? p.submissionId
        : '',
    answers,
  };
}

/** The answers by question title, as a form response names them; the village is the link's own. */
function namedAnswers(
  spec: FormSpec,
  unit: Unit,
  answers: Record<string, string>,
): Record<string, string> {
  const named: Record<string, string> = {};
  for (const it of spec.items) {
    if (it.kind === 'section' || it.kind === 'header') continue;
    if (it.role === 'village') {
      named[it.title] =
        spec.villageChoices.find(c => c.unitCode === unit.code)?.choice ??
        unit.name;
      continue;
    }
    if (NOT_ASKED.has(it.role)) continue;
    const v = answers[it.key];
    if (typeof v === 'string' && v.trim()) named[it.title] = v;
  }
  return named;
}

/**
 * What the Google Form itself refuses before a response exists: a required question unanswered, a
 * number question not a whole number (the form's requireWholeNumber validation). The page checks
 * the same; this is the server's own check (nothing is stored).
 */
function formErrors(
  spec: FormSpec,
  answers: Record<string, string>,
): {key: string; message: string}[] {
  const out: {key: string; message: string}[] = [];
  for (const it of spec.items) {
    if (it.kind === 'section' || it.kind === 'header') continue;
    if (NOT_ASKED.has(it.role)) continue;
    const v = String(answers[it.key] ?? '').trim();
    if (!v && it.required)
      out.push({key: it.key, message: `Thiếu câu trả lời "${it.title}".`});
    else if (v && it.kind === 'number' && !/^\d+$/.test(v))
      out.push({
        key: it.key,
        message: `"${it.title}": nhập một số nguyên, ví dụ 0, 1, 2.`,
      });
    else if (v && it.choices.length && !it.choices.includes(v))
      out.push({
        key: it.key,
        message: `"${it.title}": chọn một trong các lựa chọn có sẵn.`,
      });
  }
  return out;
}

const fail = (message: string): VillageReportResult => ({ok: false, message});

/**
 * google.script.run `linkVillageReport(token, {periodId, submissionId, answers})`: a village's report
 * for the current period, stored exactly as a Google Form response would be (the same parser, the
 * same rows in "Báo cáo thôn", the same "Cần xem lại" flags, a resubmission replaces the earlier
 * report, history), under the document lock. Only a village's token; only for its own village.
 */
export function linkVillageReport(
  token: unknown,
  payload: unknown,
): VillageReportResult {
  try {
    const clock = planClock();
    const sent = readPayload(payload);
    if (!sent)
      return fail(
        'Không nhận được nội dung báo cáo. Vui lòng tải lại trang rồi gửi lại.',
      );
    return withDocumentLock((): VillageReportResult => {
      const auth = authorize(token, clock);
      if ('ok' in auth) return fail(auth.message);
      const {ctx} = auth;
      const code = (ctx.actor as Extract<Actor, {kind: 'link'}>).unitCode;
      const unit = ctx.unitByCode.get(code) as Unit;
      if (unit.kind !== 'village')
        return fail(
          'Chỉ đường dẫn của thôn mới gửi được báo cáo thôn. Đơn vị cập nhật từng phân công ở danh sách trên trang.',
        );
      const period = ctx.period;
      if (!period)
        return fail(
          'Hiện không có kỳ báo cáo nào (trang "Kỳ báo cáo"), nên chưa gửi được báo cáo thôn.',
        );
      if (sent.periodId !== period.id)
        return fail(
          `Kỳ báo cáo đã chuyển sang ${period.name}. Báo cáo chưa được gửi: vui lòng tải lại trang rồi gửi lại.`,
        );
      const spec = formSpecFor(ctx.data, period);
      if (Object.keys(sent.answers).length > spec.items.length)
        return fail(
          'Không nhận được nội dung báo cáo. Vui lòng tải lại trang rồi gửi lại.',
        );
      const errors = formErrors(spec, sent.answers);
      if (errors.length)
        return {
          ok: false,
          message:
            'Chưa gửi được: vui lòng trả lời các mục được đánh dấu rồi gửi lại.',
          errors,
        };
      const submittedAt = new Date();
      const id = sent.submissionId || Utilities.getUuid();
      const [outcome] = processResponses(
        ctx.ss,
        clock,
        [
          {
            responseId: `link|${unit.code}|${period.id}|${id}`,
            formId: null,
            sheetId: null,
            submittedAt,
            named: namedAnswers(spec, unit, sent.answers),
            link: {periodId: period.id, unitCode: unit.code},
          },
        ],
        ctx.data,
      );
      if (outcome.action === 'duplicate')
        return {
          ok: true,
          state: 'valid',
          message:
            'Báo cáo này đã được ghi nhận trước đó (không ghi lại lần nữa).',
          problems: [],
        };
      const replaced = outcome.replaced
        ? ' Báo cáo này thay cho báo cáo gửi trước đó của thôn trong kỳ.'
        : '';
      if (outcome.state === 'flagged')
        return {
          ok: true,
          state: 'flagged',
          message: `Đã nhận báo cáo ${period.name} của ${unit.name}, nhưng báo cáo cần được xem lại nên chưa được tính: ${outcome.problems.join(' ')} Có thể sửa rồi gửi lại.`,
          problems: outcome.problems,
        };
      return {
        ok: true,
        state: 'valid',
        message: `Đã gửi báo cáo ${period.name} của ${unit.name}.${replaced}${outcome.updatedAssignments ? ` Đã cập nhật ${outcome.updatedAssignments} phân công của thôn.` : ''}`,
        problems: outcome.problems,
      };
    }, LOCK_WAIT_MS);
  } catch (e) {
    console.log(`linkVillageReport: ${String(e)}`);
    return fail(
      `Chưa gửi được báo cáo: ${errorText(e)}. Vui lòng thử lại sau ít phút.`,
    );
  }
}
