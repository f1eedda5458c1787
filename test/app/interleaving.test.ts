// Many sidebar saves (units and the admin) and village form submissions on the same assignments, in a
// seeded random order (dist/Code.js): no accepted change lost, no stale save accepted, versions +1 each.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';
import {codeOf} from '../support/formsBundle';

const ADMIN = 'quantri@daison.vn';
const UNIT_A = 'donvi.a@daison.vn';
const UNIT_B = 'donvi.b@daison.vn';
const ACTORS = [ADMIN, UNIT_A, UNIT_B] as const;
const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const QUIET = {log() {}, info() {}, warn() {}, error() {}};
const LOG_TAB = 'Nhật ký';
const ASSIGNMENTS = 'Phân công';
const VILLAGES = ['Thôn mẫu 1', 'Thôn mẫu 2'];

interface View {
  id: string;
  version: number;
  stamp: string;
}
interface Loaded {
  ok: boolean;
  assignments?: View[];
}
interface Saved {
  ok: boolean;
  code?: string;
  assignment?: View;
  current?: View;
}

type Row = Record<string, unknown>;

function rows(ws: Workspace, sheet: string): Row[] {
  const [head, ...body] = ws.sheetValues(sheet);
  return body.map(r =>
    Object.fromEntries(head.map((h, i) => [String(h), r[i]])),
  );
}

const byId = (ws: Workspace) =>
  new Map(rows(ws, ASSIGNMENTS).map(r => [String(r['Mã phân công']), r]));

interface Env {
  ws: Workspace;
  formId: string;
  /** Unit code of each unit user. */
  unitOf: Map<string, string>;
}

function setUp(): Env {
  const ws = new Workspace({owner: ADMIN, now: '2025-08-27T01:00:00Z'});
  loadScript(createVmContext(ws, {console: QUIET}), CODE);
  ws.callFunction(ADMIN, 'setupWorkbook');
  const unitOf = new Map<string, string>();
  ws.uncounted(() =>
    ws.run(ADMIN, () => {
      const ss = ws.activeSpreadsheet();
      const units = ss.getSheetByName('Đơn vị')!;
      const values = units.getDataRange().getValues();
      const head = values[0].map(String);
      const kind = head.indexOf('Loại');
      const email = head.findIndex(h => h.startsWith('Email'));
      const offices = values
        .map((r, i) => ({r, i}))
        .filter(({r, i}) => i > 0 && r[kind] !== 'Thôn');
      for (const [k, user] of [UNIT_A, UNIT_B].entries()) {
        const {r, i} = offices[k];
        unitOf.set(user, String(r[0]));
        units.getRange(i + 1, email + 1).setValue(user);
      }
      const settings = ss.getSheetByName('Cấu hình')!;
      const s = settings.getDataRange().getValues();
      s[s.findIndex(r => r[0] === 'adminEmails')][2] = ADMIN;
      settings.getRange(1, 1, s.length, s[0].length).setValues(s);
    }),
  );
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.ui.promptAnswers.push({button: 'OK', text: ''});
  ws.openSpreadsheet(ADMIN);
  const made = ws.clickMenu(
    ADMIN,
    'Dân vận',
    'Tạo / cập nhật biểu mẫu báo cáo thôn',
  ) as {formId: string};
  return {ws, formId: made.formId, unitOf};
}

const STATES = ['Chưa thực hiện', 'Đang thực hiện', 'Đã hoàn thành'];

/** A valid village report; `n` varies the answers so that successive reports change the rows. */
function answers(village: string, n: number): Record<string, string> {
  return {
    Thôn: village,
    'Họ và tên người báo cáo': 'Nguyễn Văn An',
    'Số điện thoại liên hệ': '0912345678',
    'NV1 – Tình trạng thực hiện': STATES[n % 2 ? 1 : 2],
    'NV1 – Số buổi tuyên truyền, phổ biến đã tổ chức': String(n + 1),
    'NV1 – Số lượt người tham dự': String(10 * n + 5),
    'NV5 – Tình trạng thực hiện': 'Chưa thực hiện',
    'NV8 – Tình trạng thực hiện': 'Đang thực hiện',
    'NV10 – Tình trạng thực hiện': 'Chưa thực hiện',
    'NV8 – Các hoạt động thực hiện dân chủ ở cơ sở': `Họp thôn lần ${n}`,
    'NV11 – Tình trạng thực hiện': 'Đang thực hiện',
    'NV11 – Số phản ánh, kiến nghị đã tiếp nhận': String(n),
  };
}

type Op =
  | {kind: 'load'; actor: number}
  | {kind: 'save'; actor: number; target: number; old: boolean}
  | {kind: 'form'; village: number};

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({kind: fc.constant('load' as const), actor: fc.nat(2)}),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('save' as const),
      actor: fc.nat(2),
      target: fc.nat(99),
      old: fc.boolean(),
    }),
  },
  fc.record({kind: fc.constant('form' as const), village: fc.nat(1)}),
);

/** Runs one sequence and checks every step; returns counts for the caller to check coverage. */
function check(
  env: Env,
  ops: Op[],
): {accepted: number; stale: number; formChanges: number} {
  const {ws, formId, unitOf} = env;
  // Assignments shared by the actors: each unit's own, and two villages' (admin and forms).
  const initial = byId(ws);
  const targets = new Map<string, string[]>();
  const unitRows = (code: string) =>
    [...initial.keys()].filter(id => id.split('|')[1] === code);
  const villageIds = ['THON01', 'THON02'].flatMap(unitRows);
  const a = unitRows(unitOf.get(UNIT_A)!);
  const b = unitRows(unitOf.get(UNIT_B)!);
  expect(a.length && b.length && villageIds.length).toBeTruthy();
  targets.set(UNIT_A, a.slice(0, 3));
  targets.set(UNIT_B, b.slice(0, 3));
  targets.set(ADMIN, [...a.slice(0, 2), ...b.slice(0, 1), ...villageIds]);

  // What each actor's open sidebar shows: the latest view, and older ones (for stale saves).
  const views = new Map<string, View[]>();
  const load = (actor: string, unit?: string) => {
    const r = ws.scriptRun(actor, 'sidebarLoad', unit ? [unit] : []) as Loaded;
    expect(r.ok).toBe(true);
    for (const v of r.assignments ?? []) {
      const k = `${actor}#${v.id}`;
      views.set(k, [...(views.get(k) ?? []), v]);
    }
  };
  for (const actor of [UNIT_A, UNIT_B]) load(actor);
  for (const code of [...unitOf.values(), 'THON01', 'THON02'])
    load(ADMIN, code);

  // The last accepted content of each row (what the final sheet must show).
  const last = new Map<string, Row>();
  const versions = new Map(
    [...initial].map(([id, r]) => [id, Number(r['Phiên bản'])]),
  );
  /** Versions written by accepted saves, and the number of changes by village reports, per row. */
  const saved = new Map<string, number[]>();
  const fromForms = new Map<string, number>();
  let accepted = 0;
  let stale = 0;
  let forms = 0;
  let step = 0;

  for (const op of ops) {
    step++;
    if (op.kind === 'load') {
      const actor = ACTORS[op.actor];
      if (actor === ADMIN)
        load(ADMIN, [...unitOf.values(), 'THON01', 'THON02'][step % 4]);
      else load(actor);
      continue;
    }
    const logBefore = ws.sheetValues(LOG_TAB).length;
    const before = byId(ws);
    if (op.kind === 'form') {
      const village = VILLAGES[op.village];
      const r = ws.submitForm(
        formId,
        {...answers(village, ++forms), ...codeOf(village, ws)},
        new Date(ws.now().getTime() + step * 1000),
      );
      expect(r.runs.map(x => x.ok)).toEqual([true]);
      const after = byId(ws);
      const log = rows(ws, LOG_TAB).slice(logBefore - 1);
      for (const [id, row] of after) {
        const was = before.get(id)!;
        if (JSON.stringify(was) === JSON.stringify(row)) continue;
        // Only the village's own rows change, each by one version, each with its history rows.
        expect(id.split('|')[1]).toBe(`THON0${op.village + 1}`);
        expect(row['Phiên bản']).toBe(Number(was['Phiên bản']) + 1);
        expect(log.some(h => h['Đối tượng'] === id)).toBe(true);
        versions.set(id, Number(row['Phiên bản']));
        last.set(id, row);
        fromForms.set(id, (fromForms.get(id) ?? 0) + 1);
      }
      continue;
    }
    const actor = ACTORS[op.actor];
    const mine = targets.get(actor)!;
    const id = mine[op.target % mine.length];
    const seen = views.get(`${actor}#${id}`)!;
    const view = op.old ? seen[op.target % seen.length] : seen.at(-1)!;
    const text = `Lưu ${step} bởi ${actor} (đọc ở phiên bản ${view.version})`;
    const current = Number(before.get(id)!['Phiên bản']);
    const tabs = JSON.stringify(
      ws.boundSpreadsheet.sheets.map(s => [s.name, ws.sheetValues(s.name)]),
    );
    const r = ws.scriptRun(actor, 'sidebarSave', [
      {
        id,
        version: view.version,
        stamp: view.stamp,
        progress: 'in_progress',
        completedOn: null,
        result: text,
        evidence: '',
        proposals: '',
      },
    ]) as Saved;
    if (view.version === current) {
      // Loaded at the current version: accepted, one version up, written, in the history.
      expect(r).toMatchObject({ok: true});
      accepted++;
      const row = byId(ws).get(id)!;
      expect(row['Phiên bản']).toBe(current + 1);
      expect(r.assignment!.version).toBe(current + 1);
      expect(row['Kết quả thực hiện']).toBe(text);
      expect(row['Người cập nhật']).toBe(actor);
      const log = rows(ws, LOG_TAB).slice(logBefore - 1);
      expect(log.length).toBeGreaterThan(0);
      expect(
        log.every(
          h =>
            h['Đối tượng'] === id &&
            h['Người thực hiện'] === actor &&
            String(h['Ghi chú']).includes(`phiên bản ${current + 1}`),
        ),
      ).toBe(true);
      versions.set(id, current + 1);
      last.set(id, row);
      saved.set(id, [...(saved.get(id) ?? []), current + 1]);
      views.set(`${actor}#${id}`, [...seen, r.assignment!]);
    } else {
      // Loaded at an older version: refused as stale and nothing written anywhere.
      expect(r).toMatchObject({ok: false, code: 'stale'});
      stale++;
      expect(
        JSON.stringify(
          ws.boundSpreadsheet.sheets.map(s => [s.name, ws.sheetValues(s.name)]),
        ),
      ).toBe(tabs);
      // The sidebar shows the current values; the user may try again from them.
      expect(r.current!.version).toBe(current);
      views.set(`${actor}#${id}`, [...seen, r.current!]);
    }
    const ids = rows(ws, ASSIGNMENTS).map(x => x['Mã phân công']);
    expect(new Set(ids).size).toBe(ids.length);
  }

  // The final sheet: every row shows its last accepted change; versions add up; ids unique.
  const final = byId(ws);
  expect(final.size).toBe(initial.size);
  for (const [id, row] of last) expect(final.get(id)).toEqual(row);
  for (const [id, v] of versions) expect(final.get(id)!['Phiên bản']).toBe(v);
  // The history tab: exactly one group of rows per accepted save (named by its version), and the
  // village reports' changes logged at least once per change.
  const history = rows(ws, LOG_TAB);
  for (const id of new Set([...saved.keys(), ...fromForms.keys()])) {
    const mine = history.filter(h => h['Đối tượng'] === id);
    const logged = mine
      .filter(h => String(h['Hành động']).endsWith('(thanh bên)'))
      .map(h => Number(/phiên bản (\d+)/.exec(String(h['Ghi chú']))![1]));
    expect([...new Set(logged)].sort((x, y) => x - y)).toEqual(
      saved.get(id) ?? [],
    );
    expect(
      mine.filter(h => h['Hành động'] === 'Cập nhật từ biểu mẫu thôn').length,
    ).toBeGreaterThanOrEqual(fromForms.get(id) ?? 0);
  }
  return {accepted, stale, formChanges: [...fromForms.values()].length};
}

describe('interleaved saves and village reports (bundle)', () => {
  it('in any seeded order: accepted changes are kept and logged, stale saves refused and write nothing', () => {
    let accepted = 0;
    let stale = 0;
    let formChanges = 0;
    fc.assert(
      fc.property(fc.array(opArb, {minLength: 25, maxLength: 40}), ops => {
        const r = check(setUp(), ops);
        accepted += r.accepted;
        stale += r.stale;
        formChanges += r.formChanges;
      }),
      {seed: 20250827, numRuns: 4, endOnFailure: true},
    );
    // The runs exercised both outcomes.
    expect(accepted).toBeGreaterThan(10);
    expect(stale).toBeGreaterThan(3);
    expect(formChanges).toBeGreaterThan(3);
  });
});
