// Locks block across simulated executions: tryLock returns false, waitLock throws, ends release.
import {Workspace} from '../../emulator';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

test('a lock held by one execution blocks another; the end of an execution releases it', () => {
  ws.run('a@example.com', () => {
    const lock = LockService.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    // A second, concurrent execution.
    ws.run('b@example.com', () => {
      const other = LockService.getDocumentLock();
      expect(other.tryLock(5000)).toBe(false);
      expect(other.hasLock()).toBe(false);
      expect(() => other.waitLock(5000)).toThrow(
        'Lock timeout: another process was holding the lock for too long.',
      );
    });
    // Not released by the other execution ending.
    expect(LockService.getDocumentLock().hasLock()).toBe(true);
  });
  // Released when its execution ended.
  ws.run('b@example.com', () =>
    expect(LockService.getDocumentLock().tryLock(0)).toBe(true),
  );
});

test('releaseLock frees the lock for others; a lock is re-entrant in its execution', () => {
  ws.run('a@example.com', () => {
    const lock = LockService.getScriptLock();
    lock.waitLock(1000);
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    lock.releaseLock();
    ws.run('b@example.com', () =>
      expect(LockService.getScriptLock().tryLock(0)).toBe(true),
    );
  });
});

test('the host can hold the document lock; waiting advances the emulated clock', () => {
  const held = ws.holdDocumentLock();
  const before = ws.nowMs();
  ws.run('a@example.com', () => {
    const lock = LockService.getDocumentLock();
    expect(lock.tryLock(10000)).toBe(false);
    expect(() => lock.waitLock(30000)).toThrow(/Lock timeout/);
  });
  expect(ws.nowMs() - before).toBe(40000);
  held.release();
  ws.run('a@example.com', () =>
    expect(LockService.getDocumentLock().tryLock(0)).toBe(true),
  );
});

test('a holder that lets go in time lets a long enough wait succeed', () => {
  ws.holdDocumentLock({forMs: 3000});
  ws.run('a@example.com', () => {
    expect(LockService.getDocumentLock().tryLock(1000)).toBe(false);
    expect(LockService.getDocumentLock().tryLock(5000)).toBe(true);
  });
});

test('user locks are per user; document locks need a container', () => {
  ws.run('a@example.com', () => {
    expect(LockService.getUserLock().tryLock(0)).toBe(true);
    ws.run('b@example.com', () =>
      expect(LockService.getUserLock().tryLock(0)).toBe(true),
    );
    ws.run('a@example.com', () =>
      expect(LockService.getUserLock().tryLock(0)).toBe(false),
    );
  });
  const standalone = new Workspace({bound: false});
  standalone.installGlobals({} as object);
  expect(
    (
      standalone.globals().LockService as GoogleAppsScript.Lock.LockService
    ).getDocumentLock(),
  ).toBeNull();
});

test('a web app request has no document lock (Google returns null there); the script lock works', () => {
  ws.deployWebApp();
  ws.setFunctions({
    probe: () => ({
      document: LockService.getDocumentLock() === null,
      script: LockService.getScriptLock().tryLock(0),
    }),
  });
  expect(ws.webAppRun('probe')).toEqual({document: true, script: true});
  // The same function in the spreadsheet has its document lock.
  expect(
    ws.run('admin@example.com', () => LockService.getDocumentLock() === null),
  ).toBe(false);
});
