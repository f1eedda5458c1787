// A workbook set up through dist/Code.js with e-mails for two units and a real village, and the links mailed to them.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';
import {UNITS} from '../../src/workbook/schema';

export const OWNER = 'admin@xa.gov.vn';
export const VHXH = 'vhxh@xa.gov.vn';
export const KT = 'kt@xa.gov.vn';
export const THON = 'thon1@xa.gov.vn';

const code = () => readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

const colOf = (key: string) => UNITS.columns.findIndex(c => c.key === key);
const letter = (i: number) => String.fromCharCode(65 + i);

/** The dist bundle on a fresh workspace, set up, with units' e-mails; one village made real. */
export function linkWorkspace(now = '2025-08-27T01:00:00Z'): {
  ws: Workspace;
  village: string;
} {
  const ws = new Workspace({owner: OWNER, now: new Date(now)});
  loadScript(
    createVmContext(ws, {
      console: {log() {}, info() {}, warn() {}, error() {}},
    }),
    code(),
  );
  ws.installGlobals();
  // The admin has deployed the web app (getUrl() is null until then).
  ws.deployWebApp();
  ws.addHtmlFile(
    'Link',
    readFileSync(join(__dirname, '../../dist/Link.html'), 'utf8'),
  );
  ws.callFunction(OWNER, 'setupWorkbook');
  const rows = ws.sheetValues(UNITS.name);
  let village = '';
  rows.forEach((row, i) => {
    if (i === 0) return;
    const unit = String(row[colOf('code')]);
    const cell = (key: string) =>
      `'${UNITS.name}'!${letter(colOf(key))}${i + 1}`;
    if (unit === 'VHXH') ws.editCell(OWNER, cell('emails'), VHXH);
    if (unit === 'KT') ws.editCell(OWNER, cell('emails'), KT);
    if (!village && String(row[colOf('kind')]) === 'Thôn') {
      village = unit;
      ws.editCell(OWNER, cell('emails'), THON);
      ws.editCell(OWNER, cell('sample'), 'Không');
    }
  });
  ws.callFunction(OWNER, 'setupWorkbook');
  return {ws, village};
}

/** The token in the last link mail sent to `email`. */
export function tokenFor(ws: Workspace, email: string): string {
  const mails = ws.mail.outbox.filter(
    m => m.to.includes(email) && /Đường dẫn cập nhật/.test(m.subject),
  );
  const last = mails[mails.length - 1];
  const m = last ? /[?&]t=([A-Za-z0-9_-]{43})/.exec(last.body) : null;
  if (!m) throw new Error(`no link mail to ${email}`);
  return m[1];
}

/** The page's boot data from a doGet HtmlOutput, or null for the error page. */
export function pageData(output: unknown): {
  html: string;
  boot: {token: string; data: Record<string, unknown>} | null;
} {
  const html = String((output as {getContent(): string}).getContent());
  const m = /window\.__LINK__=(.*?);<\/script>/s.exec(html);
  return {html, boot: m ? JSON.parse(m[1]) : null};
}

/**
 * A village's answers on its link page, by question key: every task "Đang thực hiện", the
 * reporter's name and phone (the page's questions as linkLoad sends them).
 */
export function villagePageAnswers(
  questions: ReadonlyArray<{key: string; title: string}>,
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const q of questions) {
    if (/ – Tình trạng thực hiện$/.test(q.title))
      answers[q.key] = 'Đang thực hiện';
    else if (/^Họ và tên/.test(q.title)) answers[q.key] = 'Trần Thị B';
    else if (/^Số điện thoại/.test(q.title)) answers[q.key] = '0912345678';
  }
  return answers;
}
