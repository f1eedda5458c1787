// The mail log's appends: at the run's expected row when it is still blank (3 calls), never over rows another run wrote.
import {Workspace} from '../../emulator';
import {runClock} from '../../src/services/clock';
import {
  appendMailLog,
  loadMailLog,
  rewriteMailLog,
  type MailLogEntry,
} from '../../src/workbook/mailLog';
import {MAIL_LOG} from '../../src/workbook/schema';

const OWNER = 'owner@xa.gov.vn';
let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: OWNER, now: '2025-09-02T00:00:00Z'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

const entry = (key: string, state: MailLogEntry['state']): MailLogEntry => ({
  key,
  to: 'a@xa.gov.vn',
  subject: `Thư ${key}`,
  kind: 'Nhắc việc',
  periodId: 'KY1',
  state,
  note: '',
});

const clock = () =>
  runClock('Asia/Ho_Chi_Minh', new Date('2025-09-02T00:00:00Z'));
const keys = () => ws.sheetValues(MAIL_LOG.name).map(r => String(r[0]));

/** A log with a header and two rows, as earlier runs left it; returns this run's read of it. */
function seeded() {
  return ws.run(OWNER, () => {
    appendMailLog(SpreadsheetApp.getActive(), clock(), [
      entry('k1', 'sent'),
      entry('k2', 'sent'),
    ]);
    return loadMailLog(SpreadsheetApp.getActive(), 420, '2025-09-02');
  });
}

describe('appendMailLog', () => {
  it('writes at the row the run read as next, in 3 calls, when it is still blank', () => {
    const log = seeded();
    expect(log.nextRow).toBe(4);
    const ss = ws.run(OWNER, () => SpreadsheetApp.getActive());
    ws.calls.reset();
    const first = ws.run(OWNER, () =>
      appendMailLog(ss, clock(), [entry('k3', 'sending')], log.nextRow),
    );
    expect(first).toBe(4);
    expect(ws.calls.spreadsheetTotal()).toBe(3);
    expect(keys()).toEqual([MAIL_LOG.columns[0].header, 'k1', 'k2', 'k3']);
    // The outcome replaces the row written ahead in 2 calls.
    ws.calls.reset();
    ws.run(OWNER, () =>
      rewriteMailLog(ss, clock(), first, [entry('k3', 'sent')]),
    );
    expect(ws.calls.spreadsheetTotal()).toBe(2);
    const read = ws.run(OWNER, () =>
      loadMailLog(SpreadsheetApp.getActive(), 420, '2025-09-02'),
    );
    expect([...read.done].sort()).toEqual(['k1', 'k2', 'k3']);
    expect(read.unconfirmed.size).toBe(0);
  });

  it('never writes over rows another run appended after the read: they go below', () => {
    const log = seeded();
    ws.run(OWNER, () =>
      appendMailLog(SpreadsheetApp.getActive(), clock(), [
        entry('other', 'sent'),
      ]),
    );
    const first = ws.run(OWNER, () =>
      appendMailLog(
        SpreadsheetApp.getActive(),
        clock(),
        [entry('k3', 'sending')],
        log.nextRow,
      ),
    );
    expect(first).toBe(5);
    expect(keys()).toEqual([
      MAIL_LOG.columns[0].header,
      'k1',
      'k2',
      'other',
      'k3',
    ]);
  });

  it('grows the tab when the expected rows are past its end', () => {
    const log = seeded();
    ws.run(OWNER, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName(MAIL_LOG.name)!;
      sheet.deleteRows(4, sheet.getMaxRows() - 3);
    });
    const first = ws.run(OWNER, () =>
      appendMailLog(
        SpreadsheetApp.getActive(),
        clock(),
        [entry('k3', 'sent'), entry('k4', 'sent')],
        log.nextRow,
      ),
    );
    expect(first).toBe(4);
    expect(keys()).toEqual([
      MAIL_LOG.columns[0].header,
      'k1',
      'k2',
      'k3',
      'k4',
    ]);
  });
});
