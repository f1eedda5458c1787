// The document lock around every read-modify-write, with a Vietnamese message when it cannot be had.

export class LockBusyError extends Error {}

/** Runs `fn` holding the document lock; throws a clear message if another user holds it too long. */
export function withDocumentLock<T>(fn: () => T, timeoutMs = 30000): T {
  const lock = LockService.getDocumentLock();
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
