// The lock around every read-modify-write (the document lock; the script lock in the web app), with a Vietnamese message when busy.

export class LockBusyError extends Error {}

/**
 * The lock that serialises writes to the workbook. In the spreadsheet (menus, sidebar, triggers)
 * it is the document lock. A web app has no containing document: there getDocumentLock() returns
 * null ("If this method is called outside of the context of a containing document (such as from a
 * standalone script or webapp), null is returned",
 * https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()), so the
 * personal-link page takes the script lock: its requests are serialised among themselves and with
 * the daily job (which holds the script lock for its run). Known gap: LockService has no lock both
 * a web app and a spreadsheet execution can take except the script lock, which the daily job holds
 * for its whole run, so a link save and a sidebar save in the same instant are not serialised.
 */
function workbookLock(): GoogleAppsScript.Lock.Lock {
  return LockService.getDocumentLock() ?? LockService.getScriptLock();
}

/** Runs `fn` holding the workbook's lock; throws a clear message if another user holds it too long. */
export function withDocumentLock<T>(fn: () => T, timeoutMs = 30000): T {
  const lock = workbookLock();
  if (!lock.tryLock(timeoutMs)) {
    throw new LockBusyError(
      'Bảng tính đang được người khác cập nhật. Vui lòng đợi vài giây rồi thử lại.',
    );
  }
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
