// Use case "Đường dẫn cập nhật": the web app (doGet) and the page's server calls, each authorised by the link's token.
import type {LinkRefusalCode} from '../core/links';
import type {
  LinkData,
  LinkLoadResult,
  LinkRefusal,
  UploadFile,
  UploadResult,
} from '../shared/link';
import type {SaveFailure, SaveResult} from '../shared/sidebar';
import {markOpened} from '../services/linkStore';
import {escapeHtml} from '../core/text';
import {
  errorText,
  planClock,
  saveAssignment,
  type Actor,
  type Context,
} from './assignmentGate';
import {uploadEvidence} from './evidence';
import {unitPageData} from './unitPage';
import {authorize, refusal} from './linkAuth';
import {villageReportForm} from './linkReport';

/** The page's data for an authorised link: exactly the unit's assignments, most urgent first. */
function linkData(ctx: Context): LinkData {
  const code = (ctx.actor as Extract<Actor, {kind: 'link'}>).unitCode;
  const unit = ctx.unitByCode.get(code);
  return {
    ok: true,
    unit: {code, name: unit ? unit.name : code},
    isVillage: unit?.kind === 'village',
    ...unitPageData(ctx, code),
    villageReport: villageReportForm(ctx, unit),
  };
}

/** google.script.run `linkLoad(token)`: the link's unit's assignments, or why not (writes nothing). */
export function linkLoad(token: unknown): LinkLoadResult {
  try {
    const auth = authorize(token);
    if ('ok' in auth) return auth;
    return linkData(auth.ctx);
  } catch (e) {
    console.log(`linkLoad: ${String(e)}`);
    return refusal(
      'error',
      `Không tải được dữ liệu: ${errorText(e)}. Vui lòng thử lại sau ít phút.`,
    );
  }
}

/** A link refusal in the save result's shape (the page shows the message and reloads). */
function saveRefusal(r: LinkRefusal): SaveFailure {
  return {ok: false, code: 'forbidden', message: r.message};
}

/**
 * google.script.run `linkSave(token, payload)`: the sidebar's payload, through the same gate as the
 * sidebar. The token is checked under the document lock, so a link revoked meanwhile writes nothing.
 */
export function linkSave(token: unknown, payload: unknown): SaveResult {
  const clock = planClock();
  return saveAssignment(() => {
    const auth = authorize(token, clock);
    return 'ok' in auth ? saveRefusal(auth) : auth.ctx;
  }, payload);
}

/**
 * google.script.run `linkUpload(token, assignmentId, {name, mimeType, base64})`: one file, checked
 * (type, size, content), saved in "Minh chứng/<kỳ>/<đơn vị>/" of the export folder, its link added to
 * the assignment's evidence. A refused file writes nothing, on Drive or in the sheet.
 */
export function linkUpload(
  token: unknown,
  assignmentId: unknown,
  file: unknown,
): UploadResult {
  const clock = planClock();
  return uploadEvidence(
    () => {
      const auth = authorize(token, clock);
      return 'ok' in auth ? saveRefusal(auth) : auth.ctx;
    },
    assignmentId,
    file as UploadFile,
    clock,
  );
}

const PAGE_TITLE = 'Cập nhật tiến độ';

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function phoneOutput(
  output: GoogleAppsScript.HTML.HtmlOutput,
): GoogleAppsScript.HTML.HtmlOutput {
  return output
    .setTitle(PAGE_TITLE)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

/** The page a wrong, revoked or expired link gets: one short Vietnamese message, no data. */
export function errorPage(
  code: LinkRefusalCode | LinkRefusal['code'],
  message: string,
): GoogleAppsScript.HTML.HtmlOutput {
  const html =
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${PAGE_TITLE}</title><style>` +
    'body{font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:24px 18px;color:#202124;background:#fff}' +
    'h1{font-size:21px;margin:0 0 12px;color:#b3261e}p{margin:0 0 12px}' +
    '</style></head><body>' +
    `<main id="link-error" data-code="${escapeHtml(code)}" role="alert">` +
    '<h1>Không mở được trang cập nhật</h1>' +
    `<p>${escapeHtml(message)}</p></main></body></html>`;
  return phoneOutput(HtmlService.createHtmlOutput(html));
}

/** Where the page's data goes in dist/Link.html. */
const DATA_MARKER = '<!-- link-data -->';

/**
 * The web app's entry point: `…/exec?t=<token>`. A good token gets the phone page with its data
 * already in it (one request on a slow network); anything else the error page, with nothing written.
 */
export function handleGet(e: unknown): GoogleAppsScript.HTML.HtmlOutput {
  const params =
    e && typeof e === 'object' && 'parameter' in e
      ? ((e as {parameter?: Record<string, unknown>}).parameter ?? {})
      : {};
  const token = params.t;
  let result: LinkLoadResult;
  try {
    const auth = authorize(token);
    if ('ok' in auth) {
      result = auth;
    } else {
      result = linkData(auth.ctx);
      markOpened(result.unit.code, new Date().toISOString());
    }
  } catch (err) {
    console.log(`doGet: ${String(err)}`);
    result = refusal(
      'error',
      `Không tải được dữ liệu: ${errorText(err)}. Vui lòng thử lại sau ít phút.`,
    );
  }
  if (!result.ok) return errorPage(result.code, result.message);
  const page = HtmlService.createHtmlOutputFromFile('Link');
  const boot = `<script>window.__LINK__=${scriptJson({token, data: result})};</script>`;
  page.setContent(page.getContent().replace(DATA_MARKER, () => boot));
  return phoneOutput(page);
}
