// The container's UI (SpreadsheetApp.getUi()): menus, sidebars, dialogs, alerts and prompts, all recorded.
import type {EmulatorContext} from './context';
import {gasError, instrument} from './runtime';
import {gasEnum} from './spreadsheet/enums';

type GasUi = GoogleAppsScript.Base.Ui;
type GasMenu = GoogleAppsScript.Base.Menu;
type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

export const ButtonEnum = gasEnum<typeof GoogleAppsScript.Base.Button>(
  'CLOSE',
  'OK',
  'CANCEL',
  'YES',
  'NO',
);
export const ButtonSetEnum = gasEnum<typeof GoogleAppsScript.Base.ButtonSet>(
  'OK',
  'OK_CANCEL',
  'YES_NO',
  'YES_NO_CANCEL',
);

export type MenuEntry =
  | {kind: 'item'; caption: string; functionName: string}
  | {kind: 'separator'}
  | {kind: 'submenu'; menu: MenuSpec};

export interface MenuSpec {
  caption: string;
  addon: boolean;
  entries: MenuEntry[];
}

export type UiEvent =
  | {type: 'menu'; menu: MenuSpec; user: string}
  | {type: 'sidebar'; title: string; html: string; width: number; user: string}
  | {
      type: 'modal';
      title: string;
      html: string;
      width: number;
      height: number;
      user: string;
    }
  | {
      type: 'modeless';
      title: string;
      html: string;
      width: number;
      height: number;
      user: string;
    }
  | {
      type: 'alert';
      title: string;
      prompt: string;
      buttons: string;
      response: string;
      user: string;
    }
  | {
      type: 'prompt';
      title: string;
      prompt: string;
      buttons: string;
      response: string;
      text: string;
      user: string;
    }
  | {
      type: 'toast';
      spreadsheetId: string;
      message: string;
      title: string;
      timeoutSeconds: number | null;
      user: string;
    };

/** A question (a prompt, or an alert with a choice) the host must put to the user. */
export interface PendingQuestion {
  type: 'prompt' | 'alert';
  title: string;
  message: string;
  /** The ButtonSet's buttons, e.g. ['OK', 'CANCEL']. */
  buttons: string[];
}

/**
 * Thrown by alert/prompt when the host asks the user itself (`askWhenUnanswered`) and no answer was
 * scripted: Google suspends the script while the dialog is open ("This method suspends the
 * server-side script while the dialog is open", https://developers.google.com/apps-script/reference/base/ui#alert(String)),
 * which a synchronous emulator can only model by stopping here; the host rolls the execution back,
 * asks, and runs it again with the answer.
 */
export class QuestionPending extends Error {
  constructor(readonly question: PendingQuestion) {
    super(`Đang chờ người dùng trả lời: ${question.title || question.message}`);
    this.name = 'QuestionPending';
  }
}

/** Everything the script showed, and the answers the host scripted for alerts and prompts. */
export class UiRecorder {
  readonly events: UiEvent[] = [];
  /** Menus currently on the UI, by caption (the latest addToUi wins). */
  readonly menus = new Map<string, MenuSpec>();
  /** Buttons the next alerts return, in order (e.g. 'YES'); when empty, the set's first button. */
  readonly alertAnswers: string[] = [];
  /** Answers the next prompts return; when empty, CANCEL (or CLOSE) with ''. */
  readonly promptAnswers: Array<{button: string; text: string}> = [];
  /**
   * When true, a prompt or a choice alert with no scripted answer records `pending` and throws
   * QuestionPending instead of answering by itself (the preview asks its user).
   */
  askWhenUnanswered = false;
  /** The question the last execution stopped at (askWhenUnanswered), even if the script caught the throw. */
  pending: PendingQuestion | null = null;

  record(e: UiEvent): void {
    this.events.push(e);
  }

  last<T extends UiEvent['type']>(
    type: T,
  ): Extract<UiEvent, {type: T}> | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      if (this.events[i].type === type)
        return this.events[i] as Extract<UiEvent, {type: T}>;
    }
    return undefined;
  }

  of<T extends UiEvent['type']>(type: T): Array<Extract<UiEvent, {type: T}>> {
    return this.events.filter(e => e.type === type) as Array<
      Extract<UiEvent, {type: T}>
    >;
  }

  clear(): void {
    this.events.length = 0;
  }
}

const BUTTONS: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

function htmlOf(x: HtmlOutput): {
  html: string;
  title: string;
  width: number;
  height: number;
} {
  const o = x as unknown as Partial<HtmlOutput>;
  if (!o || typeof o.getContent !== 'function') {
    throw new TypeError('Expected an HtmlOutput');
  }
  return {
    html: o.getContent(),
    title: o.getTitle?.() ?? '',
    width: o.getWidth?.() ?? 0,
    height: o.getHeight?.() ?? 0,
  };
}

export class MenuImpl implements Partial<GasMenu> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _ui: UiRecorder,
    readonly _spec: MenuSpec,
  ) {}
  addItem(caption: string, functionName: string): GasMenu {
    this._spec.entries.push({
      kind: 'item',
      caption: String(caption),
      functionName: String(functionName),
    });
    return this as unknown as GasMenu;
  }
  addSeparator(): GasMenu {
    this._spec.entries.push({kind: 'separator'});
    return this as unknown as GasMenu;
  }
  addSubMenu(menu: GasMenu): GasMenu {
    this._spec.entries.push({
      kind: 'submenu',
      menu: (menu as unknown as MenuImpl)._spec,
    });
    return this as unknown as GasMenu;
  }
  addToUi(): void {
    const menu = structuredClone(this._spec);
    this._ui.menus.set(menu.caption, menu);
    this._ui.record({type: 'menu', menu, user: this._ctx.activeUser()});
  }
}
instrument(MenuImpl, 'Menu', 'Base.Menu');

export class PromptResponseImpl implements Partial<GoogleAppsScript.Base.PromptResponse> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _button: string,
    readonly _text: string,
  ) {}
  getResponseText(): string {
    return this._text;
  }
  getSelectedButton(): Button {
    return this._button as unknown as Button;
  }
}
instrument(PromptResponseImpl, 'PromptResponse', 'Base.PromptResponse');

export class UiImpl implements Partial<GasUi> {
  Button = ButtonEnum;
  ButtonSet = ButtonSetEnum;

  constructor(
    readonly _ctx: EmulatorContext,
    readonly _ui: UiRecorder,
  ) {}

  _user(): string {
    return this._ctx.activeUser();
  }

  createMenu(caption: string): GasMenu {
    return new MenuImpl(this._ctx, this._ui, {
      caption: String(caption),
      addon: false,
      entries: [],
    }) as unknown as GasMenu;
  }
  createAddonMenu(): GasMenu {
    return new MenuImpl(this._ctx, this._ui, {
      caption: 'Add-ons',
      addon: true,
      entries: [],
    }) as unknown as GasMenu;
  }
  showSidebar(userInterface: HtmlOutput): void {
    const h = htmlOf(userInterface);
    this._ui.record({
      type: 'sidebar',
      title: h.title,
      html: h.html,
      width: h.width || 300,
      user: this._user(),
    });
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    const h = htmlOf(userInterface);
    this._ui.record({
      type: 'modal',
      title: String(title),
      html: h.html,
      width: h.width,
      height: h.height,
      user: this._user(),
    });
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    const h = htmlOf(userInterface);
    this._ui.record({
      type: 'modeless',
      title: String(title),
      html: h.html,
      width: h.width,
      height: h.height,
      user: this._user(),
    });
  }
  /** Stops the execution at an unanswered question when the host asks its user (see QuestionPending). */
  private _ask(
    type: PendingQuestion['type'],
    title: string,
    message: string,
    buttons: string[],
  ): void {
    if (!this._ui.askWhenUnanswered) return;
    const question: PendingQuestion = {type, title, message, buttons};
    this._ui.pending = question;
    throw new QuestionPending(question);
  }
  alert(a: string, b?: string | ButtonSet, c?: ButtonSet): Button {
    const [title, prompt, buttons] =
      c !== undefined
        ? [a, String(b), String(c)]
        : ['', a, b === undefined ? 'OK' : String(b)];
    const allowed = BUTTONS[buttons];
    if (!allowed) throw gasError(this._ctx, 'Invalid argument: buttons');
    const scripted = this._ui.alertAnswers.shift();
    if (scripted === undefined && allowed.length > 1)
      this._ask('alert', String(title), String(prompt), allowed);
    const response = scripted ?? allowed[0];
    this._ui.record({
      type: 'alert',
      title: String(title),
      prompt: String(prompt),
      buttons,
      response,
      user: this._user(),
    });
    return response as unknown as Button;
  }
  prompt(
    a: string,
    b?: string | ButtonSet,
    c?: ButtonSet,
  ): GoogleAppsScript.Base.PromptResponse {
    const [title, prompt, buttons] =
      c !== undefined
        ? [a, String(b), String(c)]
        : ['', a, b === undefined ? 'OK' : String(b)];
    const allowed = BUTTONS[buttons];
    if (!allowed) throw gasError(this._ctx, 'Invalid argument: buttons');
    const scripted = this._ui.promptAnswers.shift();
    if (scripted === undefined)
      this._ask('prompt', String(title), String(prompt), allowed);
    const response = scripted ?? {
      button: allowed.includes('CANCEL') ? 'CANCEL' : 'CLOSE',
      text: '',
    };
    this._ui.record({
      type: 'prompt',
      title: String(title),
      prompt: String(prompt),
      buttons,
      response: response.button,
      text: response.text,
      user: this._user(),
    });
    return new PromptResponseImpl(
      this._ctx,
      response.button,
      response.text,
    ) as unknown as GoogleAppsScript.Base.PromptResponse;
  }
}
instrument(UiImpl, 'Ui', 'Base.Ui');
