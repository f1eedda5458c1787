// The JSON the preview server and its page exchange (shared by server.ts and client/page.ts).

/** One menu entry as the script registered it in onOpen; null is a separator. */
export type MenuItemView = {caption: string; functionName: string} | null;

export interface MenuView {
  title: string;
  items: MenuItemView[];
}

/** A person the page can sign in as. */
export interface UserChoice {
  email: string;
  label: string;
}

/** A tab of the strip: a sheet of the bound spreadsheet or a registered panel. */
export interface TabView {
  key: string;
  title: string;
  kind: 'sheet' | 'panel';
  hidden?: boolean;
  protected?: boolean;
  color?: string | null;
}

/** A sidebar or dialog the script opened, served at /ui/<id>. */
export interface SurfaceView {
  id: string;
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  width: number;
  height: number;
  user: string;
}

/** What the script showed during one execution (alerts, prompts, toasts, dialogs). */
export interface UiEventView {
  type: string;
  title: string;
  message: string;
  detail?: string;
}

/** One execution: a menu click, a google.script.run call, a panel action or a trigger. */
export interface ExecutionView {
  seq: number;
  source: 'menu' | 'script' | 'panel' | 'trigger' | 'system';
  fn: string;
  caption?: string;
  user: string;
  ok: boolean;
  error?: {name: string; message: string};
  /** Emulated time the execution started, ISO. */
  at: string;
  durationMs: number;
  totalCalls: number;
  calls: Record<string, number>;
  ui: UiEventView[];
  logs: string[];
  /** A short text rendering of the returned value. */
  valueText?: string;
  /**
   * The function ran but answered a refusal ({ok: false, code, message}: a stale or forbidden save,
   * a village form link refused…): the execution is no error, and no success either.
   */
  refused?: {code: string; message: string};
}

export interface StateView {
  spreadsheetName: string;
  owner: string;
  timeZone: string;
  /** Emulated now: ISO instant, and its wall-clock text in the script's zone. */
  now: string;
  nowText: string;
  /** dd/MM/yyyy HH:mm in the script's zone (what the clock field shows and accepts). */
  nowInput: string;
  /** The weekday of the emulated now, Vietnamese ("Thứ Hai"). */
  nowWeekday: string;
  /** real: follows the machine's clock; shifted: set by the user, still running; fixed: frozen. */
  clockMode: 'real' | 'shifted' | 'fixed';
  /** Why the clock did not start at the real date ('' when it did, or once the clock was set by hand). */
  clockNote: string;
  users: UserChoice[];
  /** The "Đơn vị" tab has units but none has an e-mail yet (offer to fill demo addresses). */
  unitsWithoutEmails: boolean;
  menus: MenuView[];
  tabs: TabView[];
  surfaces: SurfaceView[];
  revision: number;
}

/** The answer of POST /api/run (google.script.run). */
export type RunReply =
  | {ok: true; value: unknown; execution?: ExecutionView}
  | {
      ok: false;
      error: {name: string; message: string};
      execution?: ExecutionView;
    };

/** A question a menu run stopped at (ui.prompt, or an alert with a choice): the page asks its user. */
export interface QuestionView {
  type: 'prompt' | 'alert';
  title: string;
  message: string;
  /** The ButtonSet's buttons: 'OK', 'CANCEL', 'YES', 'NO'. */
  buttons: string[];
}

/** The user's answer to one question of a menu run, in the order the questions came. */
export interface QuestionAnswer {
  type: 'prompt' | 'alert';
  /** 'OK', 'CANCEL', 'YES', 'NO' or 'CLOSE' (the dialog's × button). */
  button: string;
  /** What was typed (prompts). */
  text?: string;
}

/** The answer of POST /api/menu: the finished execution, or the question it waits on. */
export type MenuReply =
  ExecutionView | {question: QuestionView; answered: number};
