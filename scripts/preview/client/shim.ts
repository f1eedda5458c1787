// google.script.run / google.script.host for sidebar and dialog pages the preview serves (like Google's).
import type {ExecutionView, RunReply} from '../protocol';

interface SurfaceConfig {
  id: string;
  user: string;
  maxInFlight: number;
}

type Handler = (value: unknown, userObject?: unknown) => void;

interface Call {
  fn: string;
  args: unknown[];
  success: Handler | null;
  failure: Handler | null;
  userObject: unknown;
}

const config = (window as unknown as {__PREVIEW_SURFACE__: SurfaceConfig})
  .__PREVIEW_SURFACE__;
const queue: Call[] = [];
let inFlight = 0;

/** The user signed in on the preview page (the parent window), else the one the page opened with. */
function signedInUser(): string {
  try {
    const fn = (window.parent as unknown as {previewUser?: () => string})
      .previewUser;
    if (typeof fn === 'function') return fn();
  } catch {
    // A page opened on its own has no preview parent.
  }
  return config.user;
}

function notifyParent(message: Record<string, unknown>): void {
  if (window.parent !== window)
    window.parent.postMessage({id: config.id, ...message}, location.origin);
}

/** Google refuses Dates, functions and DOM nodes anywhere in the arguments. */
function illegalPath(
  value: unknown,
  path: string,
  seen: Set<unknown>,
): string | null {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return null;
  if (t === 'function' || t === 'symbol' || t === 'bigint') return path;
  if (value instanceof Date || value instanceof Node) return path;
  if (seen.has(value)) return path;
  seen.add(value);
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    const bad = illegalPath(v, k, seen);
    if (bad !== null) return bad;
  }
  seen.delete(value);
  return null;
}

/** A form as the only argument is sent as {name: value} of its fields, as Google does. */
function formToObject(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const element of Array.from(form.elements)) {
    const input = element as HTMLInputElement;
    if (!input.name || input.disabled) continue;
    if ((input.type === 'checkbox' || input.type === 'radio') && !input.checked)
      continue;
    if (input.type === 'file') continue;
    if (input instanceof HTMLSelectElement && input.multiple) {
      out[input.name] = Array.from(input.selectedOptions).map(o => o.value);
      continue;
    }
    const prev = out[input.name];
    if (prev === undefined) out[input.name] = input.value;
    else
      out[input.name] = Array.isArray(prev)
        ? [...prev, input.value]
        : [prev, input.value];
  }
  return out;
}

function errorFrom(reply: {name?: string; message?: string}): Error {
  const e = new Error(reply.message || 'Lỗi không rõ.');
  if (reply.name) e.name = reply.name;
  return e;
}

function deliver(call: Call, ok: boolean, payload: unknown): void {
  if (ok) {
    if (call.success) call.success(payload, call.userObject);
    return;
  }
  if (call.failure) {
    call.failure(payload, call.userObject);
    return;
  }
  // Like Google: a failure nobody handles surfaces as an uncaught error in the console.
  setTimeout(() => {
    throw payload;
  });
}

function pump(): void {
  while (inFlight < config.maxInFlight && queue.length) {
    const call = queue.shift() as Call;
    inFlight++;
    void send(call).finally(() => {
      inFlight--;
      pump();
    });
  }
}

async function send(call: Call): Promise<void> {
  let reply: RunReply;
  try {
    const res = await fetch('/api/run', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({
        fn: call.fn,
        args: call.args,
        user: signedInUser(),
        surface: config.id,
      }),
    });
    reply = (await res.json()) as RunReply;
  } catch (e) {
    reply = {
      ok: false,
      error: {
        name: 'NetworkError',
        message: `Không kết nối được máy chủ chạy thử: ${String(e)}`,
      },
    };
  }
  const execution: ExecutionView | undefined = reply.execution;
  notifyParent({type: 'preview:ran', execution});
  if (reply.ok) deliver(call, true, reply.value);
  else deliver(call, false, errorFrom(reply.error));
}

function runner(
  success: Handler | null,
  failure: Handler | null,
  userObject: unknown,
): unknown {
  return new Proxy(
    {},
    {
      get(_target, name) {
        if (typeof name !== 'string') return undefined;
        if (name === 'withSuccessHandler') {
          return (h: Handler) => runner(h, failure, userObject);
        }
        if (name === 'withFailureHandler') {
          return (h: Handler) => runner(success, h, userObject);
        }
        if (name === 'withUserObject') {
          return (o: unknown) => runner(success, failure, o);
        }
        return (...raw: unknown[]) => {
          const args =
            raw.length === 1 && raw[0] instanceof HTMLFormElement
              ? [formToObject(raw[0])]
              : raw;
          const bad = illegalPath(args, '', new Set());
          if (bad !== null)
            throw new Error(`Failed due to illegal value in property: ${bad}`);
          queue.push({fn: name, args, success, failure, userObject});
          pump();
        };
      },
    },
  );
}

const host = {
  origin: location.origin,
  close(): void {
    notifyParent({type: 'preview:close'});
  },
  setHeight(height: number): void {
    notifyParent({type: 'preview:resize', height: Number(height)});
  },
  setWidth(width: number): void {
    notifyParent({type: 'preview:resize', width: Number(width)});
  },
  editor: {
    focus(): void {
      // Nothing to focus in the preview.
    },
  },
};

const url = {
  getLocation(callback: (location: unknown) => void): void {
    callback({hash: '', parameter: {}, parameters: {}});
  },
};

(window as unknown as {google: unknown}).google = {
  script: {
    get run() {
      return runner(null, null, undefined);
    },
    host,
    url,
  },
};
