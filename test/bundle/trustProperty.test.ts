// Property: whatever a unit's staff do in the workbook (edits anywhere, sidebar saves, admin entry points) and whatever the holder of one village's form link sends (genuine or forged reports), another unit's or village's record and summary figures never change.
import fc from 'fast-check';
import type {Workspace} from '../../emulator';
import {
  ADMIN,
  app,
  attempt,
  cleanUp,
  KT,
  sidebarSave,
  tab,
  trustWorkspace,
} from './trustFixture';
import {answers} from '../support/formsBundle';
import {CODE_TITLE} from '../../src/core/villageForm';
import {loadFormLinks} from '../../src/workbook/villageReports';

/** The village whose form link the anonymous respondent holds; KT is the mischievous unit. */
const HOLDER = 'THON01';
const ACTORS = new Set(['KT', HOLDER]);

afterEach(cleanUp);

const TABS = [
  'Hướng dẫn',
  'Nhiệm vụ',
  'Phân công',
  'Đơn vị',
  'Nhóm đơn vị',
  'Kỳ báo cáo',
  'Báo cáo thôn',
  'Liên kết biểu mẫu',
  'Nhật ký',
  'Thư đã gửi',
  'Cấu hình',
  'Tổng hợp KY1',
];

/** What a mischievous unit types: its own text, formulas, other units' codes and ids, status words. */
const value = fc.oneof(
  {arbitrary: fc.string({maxLength: 12}), weight: 1},
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '=1+1',
      '\'=HYPERLINK("http://x.vn","x")',
      'VHXH',
      '2|VHXH|lead',
      '3|VHXH|support',
      '1|VP|lead',
      'Đã hoàn thành',
      'Chủ trì',
      'kt@daison.vn',
      'admin',
    ),
  },
);

/** Phân công most of the time (where the records are), any tab otherwise. */
const tabName = fc.oneof(
  {arbitrary: fc.constant('Phân công'), weight: 3},
  {arbitrary: fc.constantFrom(...TABS), weight: 2},
);

type Action =
  | {kind: 'cell'; tab: string; row: number; col: number; value: string}
  | {kind: 'block'; tab: string; row: number; col: number; value: string}
  | {kind: 'append'; tab: string; values: string[]}
  | {kind: 'insert'; tab: string; row: number}
  | {kind: 'delete'; tab: string; row: number}
  | {kind: 'sidebar'; id: string; result: string; done: boolean}
  | {kind: 'unitCall'; fn: string}
  | {kind: 'admin'; fn: 'setupWorkbook' | 'dailyJob'}
  | {kind: 'form'; claim: number; count: string};

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('cell' as const),
    tab: tabName,
    row: fc.integer({min: 1, max: 70}),
    col: fc.integer({min: 1, max: 20}),
    value,
  }),
  fc.record({
    kind: fc.constant('block' as const),
    tab: tabName,
    row: fc.integer({min: 1, max: 70}),
    col: fc.integer({min: 1, max: 20}),
    value,
  }),
  fc.record({
    kind: fc.constant('append' as const),
    tab: tabName,
    values: fc.array(value, {minLength: 1, maxLength: 8}),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    tab: tabName,
    row: fc.integer({min: 1, max: 70}),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    tab: tabName,
    row: fc.integer({min: 2, max: 70}),
  }),
  fc.record({
    kind: fc.constant('sidebar' as const),
    id: fc.constantFrom(
      '3|KT|lead',
      '4|KT|lead',
      '2|VHXH|lead',
      '1|VHXH|lead',
      '1|KT|lead',
    ),
    result: fc.string({maxLength: 20}),
    done: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('unitCall' as const),
    fn: fc.constantFrom(
      'setupWorkbook',
      'installTriggers',
      'removeTriggers',
      'createVillageForms',
    ),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    fn: fc.constantFrom('setupWorkbook' as const, 'dailyJob' as const),
  }),
  // The holder of Thôn mẫu 1's link reports as Thôn mẫu `claim` (1: genuine, otherwise forged).
  fc.record({
    kind: fc.constant('form' as const),
    claim: fc.integer({min: 1, max: 3}),
    count: fc.constantFrom('0', '7', '=1+1', '99999'),
  }),
);

/** The answers Thôn mẫu 1's prefilled link carries (its village and its code), with its form. */
function holderLink(ws: Workspace): {
  formId: string;
  carried: Record<string, string>;
} {
  return ws.uncounted(() =>
    ws.run(ADMIN, () => {
      const link = loadFormLinks(ws.activeSpreadsheet()).find(
        l => l.unitCode === HOLDER,
      )!;
      const form = ws.forms.get(link.formId)!;
      const carried: Record<string, string> = {};
      for (const [key, [v]] of Object.entries(
        ws.forms.prefilledAnswers(link.url),
      )) {
        const item = form.items.find(i => `entry.${i.entryId}` === key)!;
        carried[item.title] = v;
      }
      return {formId: link.formId, carried};
    }),
  );
}

function perform(ws: Workspace, a: Action): void {
  const sheet = () =>
    app(ws)
      .getActive()
      .getSheetByName(
        a.kind === 'sidebar' ||
          a.kind === 'unitCall' ||
          a.kind === 'admin' ||
          a.kind === 'form'
          ? ''
          : a.tab,
      );
  switch (a.kind) {
    case 'cell':
      attempt(ws, KT, () => sheet()!.getRange(a.row, a.col).setValue(a.value));
      return;
    case 'block':
      attempt(ws, KT, () =>
        sheet()!
          .getRange(a.row, a.col, 2, 2)
          .setValues([
            [a.value, a.value],
            [a.value, a.value],
          ]),
      );
      return;
    case 'append':
      attempt(ws, KT, () => sheet()!.appendRow(a.values));
      return;
    case 'insert':
      attempt(ws, KT, () => sheet()!.insertRowBefore(a.row));
      return;
    case 'delete':
      attempt(ws, KT, () => sheet()!.deleteRow(a.row));
      return;
    case 'sidebar': {
      const unit = a.id.split('|')[1];
      sidebarSave(
        ws,
        KT,
        unit,
        a.id,
        a.result,
        a.done ? 'done' : 'in_progress',
      );
      return;
    }
    case 'unitCall':
      ws.scriptRun(KT, a.fn, []);
      return;
    case 'admin':
      ws.callFunction(ADMIN, a.fn, [], {ui: a.fn === 'setupWorkbook'});
      return;
    case 'form': {
      const {formId, carried} = holderLink(ws);
      ws.submitForm(formId, {
        ...answers('x'),
        [CODE_TITLE]: undefined,
        ...carried,
        Thôn: `Thôn mẫu ${a.claim}`,
        'NV1 – Số buổi tuyên truyền, phổ biến đã tổ chức': a.count,
      });
      return;
    }
  }
}

/** Every Phân công row of a unit other than the actors, keyed by its id (several copies would show). */
function othersRows(ws: Workspace): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of tab(ws, 'Phân công').slice(1)) {
    const id = String(r[0]);
    if (!id || ACTORS.has(id.split('|')[1])) continue;
    (out[id] ??= []).push(JSON.stringify(r.slice(0, 17)));
  }
  return out;
}

/** The summary's per-unit rows (section III) of every unit but the actors, by unit code, rebuilt by the admin. */
function othersFigures(ws: Workspace): Record<string, string> {
  ws.callFunction(ADMIN, 'buildSummary', ['KY1']);
  const rows = tab(ws, 'Tổng hợp KY1');
  const head = rows.findIndex(r => r[1] === 'Đơn vị' && r[2] === 'Mã đơn vị');
  const out: Record<string, string> = {};
  for (const r of rows.slice(head + 1)) {
    const code = String(r[2] ?? '');
    if (!code) break;
    if (!ACTORS.has(code)) out[code] = JSON.stringify(r.slice(1));
  }
  return out;
}

test('random unit actions never change another unit’s assignments or summary figures', () => {
  fc.assert(
    fc.property(fc.array(action, {minLength: 1, maxLength: 10}), actions => {
      const ws = trustWorkspace();
      ws.callFunction(ADMIN, 'createVillageForms', ['KY1']);
      ws.callFunction(ADMIN, 'buildSummary', ['KY1']);
      const rows = othersRows(ws);
      const figures = othersFigures(ws);
      const units = tab(ws, 'Đơn vị');
      const settings = tab(ws, 'Cấu hình');
      const reportsBefore = tab(ws, 'Báo cáo thôn').length;
      for (const a of actions) perform(ws, a);
      // Every response reached the handler and was stored (valid, replaced or for review).
      const sent = actions.filter(a => a.kind === 'form').length;
      expect(tab(ws, 'Báo cáo thôn').length).toBe(reportsBefore + sent);
      ws.callFunction(ADMIN, 'setupWorkbook');
      expect(othersRows(ws)).toEqual(rows);
      expect(othersFigures(ws)).toEqual(figures);
      expect(tab(ws, 'Đơn vị')).toEqual(units);
      expect(tab(ws, 'Cấu hình')).toEqual(settings);
      expect(ws.triggers.every(t => t.user === ADMIN)).toBe(true);
      cleanUp();
    }),
    {numRuns: 25, seed: 20251201},
  );
}, 600000);
