// The mail log's appends: at the run's expected row when it is still blank (3 calls), never over rows another run wrote; a log kept up to date in memory.
import {Workspace} from '../../emulator';
import {runClock} from '../../src/services/clock';
import {
  appendMailLog,
  appendToMailLog,
  loadMailLog,
  MAIL_LOG_SPARE_ROWS,
  rewriteInMailLog,
  rewriteMailLog,
  type MailLog,
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

/** The sets a step decides on, comparable with toEqual. */
const sets = (log: MailLog) => ({
  done: [...log.done].sort(),
  unconfirmed: [...log.unconfirmed].sort(),
  deferredToday: [...log.deferredToday].sort(),
  sentCount: [...log.sentCount.entries()].sort(),
  rows: log.rows,
  nextRow: log.nextRow,
});

describe('a mail log kept up to date by the run (the daily job reads it once)', () => {
  it('reads, after its own appends and rewrites, as the tab read again, without reading it', () => {
    const log = seeded();
    const ss = ws.run(OWNER, () => SpreadsheetApp.getActive());
    ws.calls.reset();
    ws.run(OWNER, () => {
      // A step's mail logged 'sent'; the next step's rows written ahead, then their outcomes
      // (one sent, one deferred, one left 'sending' as a run that died would), then one more row.
      appendToMailLog(ss, clock(), log, [entry('s1', 'sent')]);
      const first = appendToMailLog(ss, clock(), log, [
        entry('r1', 'sending'),
        entry('r2', 'sending'),
        entry('r3', 'sending'),
      ]);
      expect(first).toBe(5);
      expect(log.done.has('r2')).toBe(true);
      rewriteInMailLog(ss, clock(), log, first, [
        entry('r1', 'sent'),
        entry('r2', 'deferred'),
      ]);
      appendToMailLog(ss, clock(), log, [entry('k1', 'failed')]);
    });
    // Appends and the rewrite only (3 + 3 + 2 + 3): no read of the tab.
    expect(ws.calls.get('Sheet.getSheetValues')).toBe(0);
    expect(ws.calls.spreadsheetTotal()).toBe(11);
    const read = ws.run(OWNER, () =>
      loadMailLog(SpreadsheetApp.getActive(), 420, '2025-09-02'),
    );
    expect(sets(log)).toEqual(sets(read));
    expect(sets(log)).toMatchObject({
      done: ['k1', 'k2', 'r1', 'r3', 's1'],
      unconfirmed: ['r3'],
      deferredToday: ['r2'],
      nextRow: 9,
    });
  });

  it('after another writer appended below the rows read, its own rows go below those', () => {
    const log = seeded();
    ws.run(OWNER, () =>
      appendMailLog(SpreadsheetApp.getActive(), clock(), [
        entry('other', 'sent'),
      ]),
    );
    ws.run(OWNER, () => {
      const ss = SpreadsheetApp.getActive();
      expect(appendToMailLog(ss, clock(), log, [entry('s1', 'sent')])).toBe(5);
      expect(appendToMailLog(ss, clock(), log, [entry('s2', 'sent')])).toBe(6);
    });
    expect(keys()).toEqual([
      MAIL_LOG.columns[0].header,
      'k1',
      'k2',
      'other',
      's1',
      's2',
    ]);
    expect([...log.done].sort()).toEqual(['k1', 'k2', 's1', 's2']);
  });
});

describe('a long day written ahead past the end of the log', () => {
  it('grows the tab it read with spare rows and writes at the expected row (6 calls, then 3)', () => {
    ws.run(OWNER, () => {
      appendMailLog(SpreadsheetApp.getActive(), clock(), [entry('k1', 'sent')]);
      const sheet = SpreadsheetApp.getActive().getSheetByName(MAIL_LOG.name)!;
      sheet.deleteRows(3, sheet.getMaxRows() - 2);
    });
    const log = ws.run(OWNER, () =>
      loadMailLog(SpreadsheetApp.getActive(), 420, '2025-09-02'),
    );
    const ss = ws.run(OWNER, () => SpreadsheetApp.getActive());
    const many = Array.from({length: 40}, (_, i) => entry(`r${i}`, 'sending'));
    ws.calls.reset();
    const first = ws.run(OWNER, () => appendToMailLog(ss, clock(), log, many));
    expect(first).toBe(3);
    // The write past the end fails, the tab is grown once (max rows, insert) and written.
    expect(ws.calls.spreadsheetTotal()).toBe(6);
    expect(ws.calls.get('Sheet.getLastRow')).toBe(0);
    const maxRows = () =>
      ws.run(OWNER, () =>
        SpreadsheetApp.getActive().getSheetByName(MAIL_LOG.name)!.getMaxRows(),
      );
    expect(maxRows()).toBe(42 + MAIL_LOG_SPARE_ROWS);
    ws.calls.reset();
    ws.run(OWNER, () =>
      appendToMailLog(ss, clock(), log, [entry('k2', 'sent')]),
    );
    expect(ws.calls.spreadsheetTotal()).toBe(3);
    expect(keys()).toEqual([
      MAIL_LOG.columns[0].header,
      'k1',
      ...many.map(e => e.key),
      'k2',
    ]);
  });

  it('keeps as many spare rows as a long day wrote, so the next such day fits too', () => {
    ws.run(OWNER, () => {
      appendMailLog(SpreadsheetApp.getActive(), clock(), [entry('k1', 'sent')]);
      const sheet = SpreadsheetApp.getActive().getSheetByName(MAIL_LOG.name)!;
      sheet.deleteRows(3, sheet.getMaxRows() - 2);
    });
    const log = ws.run(OWNER, () =>
      loadMailLog(SpreadsheetApp.getActive(), 420, '2025-09-02'),
    );
    const ss = ws.run(OWNER, () => SpreadsheetApp.getActive());
    const day = (d: number) =>
      Array.from({length: 300}, (_, i) => entry(`d${d}-${i}`, 'sending'));
    ws.run(OWNER, () => appendToMailLog(ss, clock(), log, day(1)));
    ws.calls.reset();
    ws.run(OWNER, () => appendToMailLog(ss, clock(), log, day(2)));
    expect(ws.calls.spreadsheetTotal()).toBe(3);
  });
});
