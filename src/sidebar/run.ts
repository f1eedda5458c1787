// A typed promise wrapper around google.script.run: one server call, its result or a Vietnamese error.
import type {SidebarServer} from '../shared/sidebar';

type Handler = (value: unknown) => void;

/** The part of Google's client-side google.script.run the sidebar uses. */
interface ScriptRun {
  withSuccessHandler(handler: Handler): ScriptRun;
  withFailureHandler(handler: Handler): ScriptRun;
  [fn: string]: unknown;
}

declare global {
  interface Window {
    google?: {script?: {run?: ScriptRun; host?: {close(): void}}};
  }
}

/** A failed server call (no network, server error, not authorised), with a message for the user. */
export class ServerCallError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'ServerCallError';
  }
}

/** The Vietnamese message for a failure google.script.run reports. */
export function describeFailure(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error ?? '');
  if (
    /authori[sz]ation|permission|PERMISSION_DENIED|ScriptError/i.test(detail)
  ) {
    return 'Google chưa cho phép thanh bên chạy với tài khoản này. Nếu trình duyệt đang đăng nhập nhiều tài khoản Google cùng lúc, hãy đăng xuất các tài khoản khác (hoặc mở cửa sổ ẩn danh) rồi mở lại thanh bên.';
  }
  if (/network|failed to fetch|timeout|NetworkError|kết nối/i.test(detail)) {
    return 'Không kết nối được máy chủ Google (mạng chậm hoặc mất kết nối). Nội dung bạn nhập vẫn được giữ nguyên; vui lòng thử lại.';
  }
  return `Máy chủ báo lỗi: ${detail || 'không rõ nguyên nhân'}. Nội dung bạn nhập vẫn được giữ nguyên; vui lòng thử lại.`;
}

/**
 * Calls a server function by name with JSON arguments and resolves with its result. Rejects with a
 * ServerCallError carrying a Vietnamese message when the call fails or google.script.run is missing.
 */
export function serverCall<K extends keyof SidebarServer>(
  name: K,
  ...args: Parameters<SidebarServer[K]>
): Promise<ReturnType<SidebarServer[K]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(
        new ServerCallError(
          'Trang này phải được mở từ bảng tính (menu Dân vận › Cập nhật tiến độ của đơn vị).',
          'google.script.run is missing',
        ),
      );
      return;
    }
    const runner = run
      .withSuccessHandler(value =>
        resolve(value as ReturnType<SidebarServer[K]>),
      )
      .withFailureHandler(error =>
        reject(
          new ServerCallError(
            describeFailure(error),
            error instanceof Error ? error.message : String(error),
          ),
        ),
      );
    const fn = runner[name] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn !== 'function') {
      reject(
        new ServerCallError(
          describeFailure(`Không có hàm ${name}`),
          `no function ${name}`,
        ),
      );
      return;
    }
    try {
      fn.apply(runner, args);
    } catch (e) {
      reject(new ServerCallError(describeFailure(e), String(e)));
    }
  });
}
