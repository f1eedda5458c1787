// Installs the emulator's optional services (MailApp, FormApp, DriveApp…) into a preview workspace.
import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import type {Workspace} from '../../emulator/workspace';

const EMULATOR_DIR = join(__dirname, '../../emulator');

/** Core files of the emulator that are not optional services. */
const CORE_FILES = new Set([
  'index',
  'workspace',
  'vm',
  'context',
  'runtime',
  'tz',
  'ui',
  'html',
  'lock',
  'logger',
  'properties',
  'script',
  'session',
  'utilities',
  'blob',
  'pdf',
]);

/** The global an installer adds, when its name does not say it plainly (installMail → MailApp). */
function globalOf(installer: string): string {
  const base = installer.replace(/^install/, '');
  const known: Record<string, string> = {
    Mail: 'MailApp',
    Forms: 'FormApp',
    Form: 'FormApp',
    Drive: 'DriveApp',
    Gmail: 'GmailApp',
    Documents: 'DocumentApp',
    Document: 'DocumentApp',
  };
  return known[base] ?? `${base}App`;
}

/**
 * Calls every `install<Service>(ws)` the emulator's service files export (drive.ts, sheetsApi.ts…; every Workspace has FormApp),
 * skipping services the workspace already has. Returns what each installer returned (the host-side
 * handle, e.g. the MailBox), keyed by file name.
 */
export function installExtensions(ws: Workspace): Record<string, unknown> {
  const handles: Record<string, unknown> = {};
  if (!existsSync(EMULATOR_DIR)) return handles;
  const files = readdirSync(EMULATOR_DIR)
    .filter(f => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .map(f => f.replace(/\.ts$/, ''))
    .filter(f => !CORE_FILES.has(f))
    .sort();
  for (const file of files) {
    let mod: Record<string, unknown>;
    try {
      mod = require(join(EMULATOR_DIR, file)) as Record<string, unknown>;
    } catch (e) {
      console.warn(
        `Bỏ qua emulator/${file}.ts (không nạp được) / skipped: ${String(e)}`,
      );
      continue;
    }
    for (const [name, value] of Object.entries(mod)) {
      if (!/^install[A-Z]\w*$/.test(name) || typeof value !== 'function')
        continue;
      if (globalOf(name) in ws.globals()) continue;
      handles[file] = (value as (w: Workspace) => unknown)(ws);
    }
  }
  return handles;
}
