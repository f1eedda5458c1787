// HtmlService: HTML outputs and templates (<?= ?> escaped, <?!= ?> raw, <? ?> code) from registered files.
import type {EmulatorContext} from './context';
import {BlobImpl} from './blob';
import {gasError, instrument, scriptCallback} from './runtime';
import {gasEnum} from './spreadsheet/enums';

type GasOutput = GoogleAppsScript.HTML.HtmlOutput;
type GasTemplate = GoogleAppsScript.HTML.HtmlTemplate;

export const SandboxModeEnum = gasEnum<
  typeof GoogleAppsScript.HTML.SandboxMode
>('EMULATED', 'IFRAME', 'NATIVE');
export const XFrameOptionsModeEnum = gasEnum<
  typeof GoogleAppsScript.HTML.XFrameOptionsMode
>('ALLOWALL', 'DEFAULT');

/** The project's HTML files (name without ".html" → content), and how templates see script globals. */
export class HtmlFiles {
  readonly files = new Map<string, string>();
  /** Looks up a global of the script (functions, services) for template code; undefined if none. */
  globalLookup: (name: string) => unknown = () => undefined;

  get(name: string): string | undefined {
    return this.files.get(name.replace(/\.html$/, ''));
  }
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `<?= x ?>` inside a <script> element prints a JavaScript literal, as Google's contextual escaping does. */
function escapeForScript(v: unknown): string {
  const json = JSON.stringify(v === undefined ? null : v) ?? 'null';
  return json
    .replace(/</g, '\\x3c')
    .replace(/>/g, '\\x3e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export class HtmlOutputMetaTagImpl implements Partial<GoogleAppsScript.HTML.HtmlOutputMetaTag> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _name: string,
    readonly _content: string,
  ) {}
  getName(): string {
    return this._name;
  }
  getContent(): string {
    return this._content;
  }
}
instrument(
  HtmlOutputMetaTagImpl,
  'HtmlOutputMetaTag',
  'HTML.HtmlOutputMetaTag',
);

export class HtmlOutputImpl implements Partial<GasOutput> {
  _title = '';
  _width = 0;
  _height = 0;
  _favicon = '';
  _sandbox = 'IFRAME';
  _xframe = 'DEFAULT';
  _meta: Array<[string, string]> = [];

  constructor(
    readonly _ctx: EmulatorContext,
    readonly _files: HtmlFiles,
    public _content = '',
  ) {}

  _self(): GasOutput {
    return this as unknown as GasOutput;
  }

  getContent(): string {
    return this._content;
  }
  setContent(content: string): GasOutput {
    this._content = String(content);
    return this._self();
  }
  append(addedContent: string): GasOutput {
    this._content += String(addedContent);
    return this._self();
  }
  appendUntrusted(addedContent: string): GasOutput {
    this._content += escapeHtml(String(addedContent));
    return this._self();
  }
  clear(): GasOutput {
    this._content = '';
    return this._self();
  }
  asTemplate(): GasTemplate {
    return new HtmlTemplateImpl(
      this._ctx,
      this._files,
      this._content,
    ) as unknown as GasTemplate;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(title: string): GasOutput {
    this._title = String(title);
    return this._self();
  }
  getWidth(): number {
    return this._width;
  }
  setWidth(width: number): GasOutput {
    this._width = Number(width);
    return this._self();
  }
  getHeight(): number {
    return this._height;
  }
  setHeight(height: number): GasOutput {
    this._height = Number(height);
    return this._self();
  }
  getFaviconUrl(): string {
    return this._favicon;
  }
  setFaviconUrl(iconUrl: string): GasOutput {
    this._favicon = String(iconUrl);
    return this._self();
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): GasOutput {
    this._sandbox = String(mode);
    return this._self();
  }
  setXFrameOptionsMode(
    mode: GoogleAppsScript.HTML.XFrameOptionsMode,
  ): GasOutput {
    this._xframe = String(mode);
    return this._self();
  }
  addMetaTag(name: string, content: string): GasOutput {
    if (
      ![
        'apple-mobile-web-app-capable',
        'google-site-verification',
        'mobile-web-app-capable',
        'viewport',
      ].includes(name)
    ) {
      throw gasError(this._ctx, 'Invalid argument: name');
    }
    this._meta.push([String(name), String(content)]);
    return this._self();
  }
  getMetaTags(): GoogleAppsScript.HTML.HtmlOutputMetaTag[] {
    return this._meta.map(
      ([n, c]) =>
        new HtmlOutputMetaTagImpl(
          this._ctx,
          n,
          c,
        ) as unknown as GoogleAppsScript.HTML.HtmlOutputMetaTag,
    );
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return new BlobImpl(
      this._ctx,
      Buffer.from(this._content, 'utf8'),
      'text/html',
      this._title || null,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.getBlob().getAs(contentType);
  }
}
instrument(HtmlOutputImpl, 'HtmlOutput', 'HTML.HtmlOutput');

/** Compiles template text to the JavaScript Google generates (output.append… calls). */
export function compileTemplate(source: string): string {
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let code = '';
  let last = 0;
  let inScript = false;
  let m: RegExpExecArray | null;
  const trackScript = (text: string) => {
    const opens = text.toLowerCase().lastIndexOf('<script');
    const closes = text.toLowerCase().lastIndexOf('</script');
    if (opens > closes) inScript = true;
    else if (closes > opens) inScript = false;
  };
  while ((m = re.exec(source))) {
    const text = source.slice(last, m.index);
    if (text) code += `output.append(${JSON.stringify(text)});\n`;
    trackScript(text);
    const body = m[2].trim();
    if (m[1] === '=')
      code += `output._appendScriptlet((${body}), ${inScript});\n`;
    else if (m[1] === '!=') code += `output.append(String((${body})));\n`;
    else code += `${m[2]}\n`;
    last = m.index + m[0].length;
  }
  const tail = source.slice(last);
  if (tail) code += `output.append(${JSON.stringify(tail)});\n`;
  return code;
}

export class HtmlTemplateImpl implements Partial<GasTemplate> {
  [propName: string]: unknown;

  constructor(
    readonly _ctx: EmulatorContext,
    readonly _files: HtmlFiles,
    readonly _source: string,
  ) {}

  getRawContent(): string {
    return this._source;
  }
  getCode(): string {
    return compileTemplate(this._source);
  }
  getCodeWithComments(): string {
    return this.getCode();
  }
  evaluate(): GasOutput {
    const out = new HtmlOutputImpl(this._ctx, this._files);
    const output = {
      append: (s: unknown) => {
        out._content += s === null || s === undefined ? '' : String(s);
        return output;
      },
      appendUntrusted: (s: unknown) => {
        out._content += escapeHtml(
          s === null || s === undefined ? '' : String(s),
        );
        return output;
      },
      _appendScriptlet: (v: unknown, inScript: boolean) => {
        out._content += inScript
          ? escapeForScript(v)
          : escapeHtml(v === null || v === undefined ? '' : String(v));
        return output;
      },
      getContent: () => out._content,
      clear: () => {
        out._content = '';
        return output;
      },
    };
    const props: Record<string, unknown> = {};
    for (const k of Object.keys(this))
      if (!k.startsWith('_')) props[k] = this[k];
    const files = this._files;
    const scope = new Proxy(props, {
      has: (target, key) =>
        typeof key === 'string' &&
        (key in target ||
          key === 'output' ||
          files.globalLookup(key) !== undefined),
      get: (target, key) => {
        if (typeof key !== 'string') return undefined;
        if (key === 'output') return output;
        if (key in target) return target[key];
        return files.globalLookup(key);
      },
    });
    // Sloppy-mode function so `with` gives template code the template's properties and script globals.
    const fn = new Function(
      'scope',
      `with (scope) {\n${compileTemplate(this._source)}\n}`,
    ) as (s: object) => void;
    try {
      scriptCallback(this._ctx, () => fn(scope));
    } catch (e) {
      if (e instanceof Error) throw e;
      throw gasError(this._ctx, String(e));
    }
    return out as unknown as GasOutput;
  }
}
instrument(HtmlTemplateImpl, 'HtmlTemplate', 'HTML.HtmlTemplate');

export class HtmlServiceImpl implements Partial<GoogleAppsScript.HTML.HtmlService> {
  SandboxMode = SandboxModeEnum;
  XFrameOptionsMode = XFrameOptionsModeEnum;

  constructor(
    readonly _ctx: EmulatorContext,
    readonly _files: HtmlFiles,
  ) {}

  _text(x: unknown): string {
    if (x === undefined || x === null) return '';
    if (typeof x === 'string') return x;
    if (typeof (x as {getBlob?: unknown}).getBlob === 'function') {
      return (x as GoogleAppsScript.Base.BlobSource)
        .getBlob()
        .getDataAsString();
    }
    return String(x);
  }
  _file(name: string): string {
    const html = this._files.get(String(name));
    if (html === undefined)
      throw gasError(this._ctx, `No HTML file named ${name} was found.`);
    return html;
  }
  createHtmlOutput(
    html?: string | GoogleAppsScript.Base.BlobSource,
  ): GasOutput {
    return new HtmlOutputImpl(
      this._ctx,
      this._files,
      this._text(html),
    ) as unknown as GasOutput;
  }
  createHtmlOutputFromFile(filename: string): GasOutput {
    return new HtmlOutputImpl(
      this._ctx,
      this._files,
      this._file(filename),
    ) as unknown as GasOutput;
  }
  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): GasTemplate {
    return new HtmlTemplateImpl(
      this._ctx,
      this._files,
      this._text(html),
    ) as unknown as GasTemplate;
  }
  createTemplateFromFile(filename: string): GasTemplate {
    return new HtmlTemplateImpl(
      this._ctx,
      this._files,
      this._file(filename),
    ) as unknown as GasTemplate;
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
  }
}
instrument(HtmlServiceImpl, 'HtmlService', 'HTML.HtmlService');
