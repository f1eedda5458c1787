// Tamper-evident history through dist/Code.js: earlier days admin-only after each daily run, changes reported.
import type {Workspace} from '../../emulator';
import {
  ADMIN,
  app,
  attempt,
  cleanUp,
  KT,
  PROTECTED,
  sidebarSave,
  tab,
  trustWorkspace,
  VHXH,
} from './trustFixture';

afterEach(cleanUp);

const DAY = 24 * 3600000;
const history = (ws: Workspace) =>
  app(ws).getActive().getSheetByName('Nhật ký')!;

/** The daily job's steps of the last run, by name. */
function lastDaily(
  ws: Workspace,
): Record<string, {ok: boolean; error?: string; note: string}> {
  const run = [...ws.triggerRuns]
    .reverse()
    .find(r => r.trigger.handler === 'dailyJob');
  const steps = (
    run?.result as {
      steps: Array<{name: string; ok: boolean; error?: string; note: string}>;
    }
  ).steps;
  return Object.fromEntries(steps.map(s => [s.name, s]));
}

describe('class 5: tamper-evident history', () => {
  it('the sidebar still writes history as the unit; rows of earlier days become admin-only at the next daily run', () => {
    const ws = trustWorkspace();
    ws.callFunction(ADMIN, 'installTriggers');
    expect(sidebarSave(ws, KT, 'KT', '3|KT|lead', 'Hôm nay').ok).toBe(true);
    const rows = tab(ws, 'Nhật ký');
    const mine = rows.length; // the row just written (1-based sheet row)
    expect(String(rows[mine - 1][1])).toBe(KT);
    // Today it is still in the open part (the sidebar appends there as the user).
    expect(
      attempt(ws, KT, () => history(ws).getRange(mine, 8).setValue('ghi chú')),
    ).toBe('ok');
    // Rows set-up wrote are already locked.
    const before = tab(ws, 'Nhật ký');
    expect(
      attempt(ws, VHXH, () =>
        history(ws).getRange(2, 7).setValue('xoá dấu vết'),
      ),
    ).toBe(PROTECTED);
    expect(attempt(ws, VHXH, () => history(ws).deleteRow(2))).toBe(PROTECTED);
    expect(
      attempt(ws, VHXH, () =>
        history(ws)
          .getRange(2, 1, mine - 1, 8)
          .clearContent(),
      ),
    ).toBe(PROTECTED);
    expect(tab(ws, 'Nhật ký')).toEqual(before);

    ws.advance(DAY, {runTriggers: true});
    expect(lastDaily(ws).guardHistory.ok).toBe(true);
    expect(
      attempt(ws, KT, () => history(ws).getRange(mine, 8).setValue('sửa lại')),
    ).toBe(PROTECTED);
    // New saves still append as the unit, into the open part below.
    expect(sidebarSave(ws, KT, 'KT', '3|KT|lead', 'Ngày mai').ok).toBe(true);
    const after = tab(ws, 'Nhật ký');
    expect(after.length).toBeGreaterThan(mine);
    expect(String(after.at(-1)![1])).toBe(KT);
  });

  it('a change to an archived row is reported to the admins once, and an untouched history reports nothing', () => {
    const ws = trustWorkspace();
    ws.callFunction(ADMIN, 'installTriggers');
    expect(sidebarSave(ws, KT, 'KT', '3|KT|lead', 'Kết quả thật').ok).toBe(
      true,
    );
    ws.advance(DAY, {runTriggers: true});
    expect(lastDaily(ws).guardHistory.ok).toBe(true);
    ws.advance(DAY, {runTriggers: true});
    expect(lastDaily(ws).guardHistory.ok).toBe(true);
    const mailsBefore = ws.mail.outbox.length;
    // Someone who may (an admin by hand, or anyone after a protection was removed) edits an old row.
    const rows = tab(ws, 'Nhật ký');
    const target = rows.findIndex(r => r[1] === KT) + 1;
    ws.run(ADMIN, () =>
      history(ws).getRange(target, 7).setValue('Kết quả sửa'),
    );
    ws.advance(DAY, {runTriggers: true});
    const step = lastDaily(ws).guardHistory;
    expect(step.ok).toBe(false);
    expect(step.error).toContain('nội dung đã bị sửa sau khi được lưu trữ');
    expect(step.error).toMatch(/Nhật ký, dòng 2–\d+/);
    const mail = ws.mail.outbox
      .slice(mailsBefore)
      .find(m => m.to.includes(ADMIN) && m.body.includes('Nhật ký, dòng'));
    expect(mail).toBeDefined();
    // Reported once: the next day the (changed) rows are the archive again.
    ws.advance(DAY, {runTriggers: true});
    expect(lastDaily(ws).guardHistory.ok).toBe(true);
    // Deleting archived rows (only an admin can) is reported too.
    ws.run(ADMIN, () => history(ws).deleteRows(2, 2));
    ws.advance(DAY, {runTriggers: true});
    expect(lastDaily(ws).guardHistory.error).toContain('có dòng đã bị xoá');
  });
});
