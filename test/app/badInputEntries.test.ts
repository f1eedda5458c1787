// Property tests: generated bad input at sidebarLoad and at onVillageFormSubmit (the other server entry
// points a user can reach) through dist/Code.js: a refusal or a safe result, never a crash, nothing written.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'admin@example.com';
const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const LOG_TAB = 'Nhật ký';
/** Letters only Vietnamese uses: a message with none of them is not a Vietnamese message. */
const VIETNAMESE = /[ạảãầấậẩẫằắặẳẵẹẻẽềếệểễịỉĩọỏõồốộổỗờớợởỡụủũừứựửữỳýỵỷỹđ]/i;

let ws: Workspace;
beforeAll(() => {
  ws = new Workspace({owner: ADMIN, now: new Date('2025-08-27T01:00:00Z')});
  loadScript(
    createVmContext(ws, {
      console: {log() {}, info() {}, warn() {}, error() {}},
    }),
    code,
  );
  ws.installGlobals();
  ws.callFunction(ADMIN, 'setupWorkbook');
});
afterAll(() => ws.uninstallGlobals());

/** Every tab's values but the history (which may record a refused delivery). */
function snapshot(): string {
  return JSON.stringify(
    ws.boundSpreadsheet.sheets
      .filter(s => s.name !== LOG_TAB)
      .map(s => [s.name, ws.sheetValues(s.name)]),
  );
}

/** Values google.script.run can carry (JSON), hostile strings included. */
const jsonArg = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x","y")',
    'VHXH',
    '__proto__',
    'x'.repeat(60000),
    '\u0000\u0007',
  ),
);

describe('sidebarLoad with generated arguments', () => {
  it('answers every caller with data or a Vietnamese refusal, and writes nothing', () => {
    const before = snapshot();
    fc.assert(
      fc.property(
        fc.constantFrom(ADMIN, 'stranger@example.com', ''),
        fc.array(jsonArg, {maxLength: 3}),
        (user, args) => {
          const r = ws.scriptRun(user || ADMIN, 'sidebarLoad', args) as {
            ok: boolean;
            message?: string;
          };
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok)
            expect(r.message).toMatch(
              /[ạảãầấậẩẫằắặẳẵẹẻẽềếệểễịỉĩọỏõồốộổỗờớợởỡụủũừứựửữỳýỵỷỹđ]/i,
            );
        },
      ),
      {numRuns: 60, seed: 20251203},
    );
    expect(snapshot()).toBe(before);
  });
});

describe('onVillageFormSubmit with generated events', () => {
  it('gives a clear Vietnamese error or a safe result, and writes nothing, for an event from no form of ours', () => {
    const before = snapshot();
    const event = fc.oneof(
      fc.anything(),
      fc.record({
        values: fc.array(fc.string(), {maxLength: 6}),
        namedValues: fc.dictionary(
          fc.string(),
          fc.array(fc.string(), {maxLength: 2}),
        ),
        triggerUid: fc.string(),
      }),
    );
    fc.assert(
      fc.property(event, e => {
        try {
          ws.callFunction(ADMIN, 'onVillageFormSubmit', [e], {ui: false});
        } catch (err) {
          expect(String((err as Error).message)).toMatch(VIETNAMESE);
        }
      }),
      {numRuns: 80, seed: 20250903},
    );
    expect(snapshot()).toBe(before);
  });
});
