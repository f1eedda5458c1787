// Keeps the sidebar's cached snapshot honest about edits made directly in the sheet (not by us).
import {effectiveUserEmail} from '../services/user';
import {getDocProperty, setDocProperty} from '../services/properties';
import {
  SNAPSHOT_GUARD_KEY,
  bumpSnapshotVersion,
  isSnapshotTab,
} from '../workbook/snapshotVersion';

/** The installable onChange trigger's handler (a global function of main.ts). */
export const CHANGE_HANDLER = 'onWorkbookChange';

/**
 * Simple onEdit (every editor's typing, pasting, clearing in the UI; scripts' writes never fire it):
 * an edit in one of the snapshot's tabs makes the snapshot out of date. Runs in LIMITED mode, where
 * CacheService is available; never throws (an edit must not show an error to the user).
 */
export function noteEdit(e: unknown): void {
  try {
    const range = (e as {range?: GoogleAppsScript.Spreadsheet.Range} | null)
      ?.range;
    const name = range ? range.getSheet().getName() : '';
    if (!range || isSnapshotTab(name)) bumpSnapshotVersion();
  } catch {
    bumpSnapshotVersion();
  }
}

/**
 * Installable onChange: structural changes (rows or columns inserted or removed, sorting, tabs
 * added or removed…), which onEdit does not see, move rows the snapshot points at. Any change but a
 * plain edit or a format change (onEdit handles edits, formats do not matter) bumps the version.
 */
export function noteChange(e: unknown): void {
  const type = String((e as {changeType?: unknown} | null)?.changeType ?? '');
  if (type === 'EDIT' || type === 'FORMAT') return;
  bumpSnapshotVersion();
}

/**
 * Makes sure the current user has the spreadsheet's onChange trigger (once), and records that one
 * exists: the snapshot is only stored while this record says a trigger watches structural changes.
 * Returns true when it had to be created.
 */
export function ensureChangeTrigger(): boolean {
  const ss = SpreadsheetApp.getActive();
  const mine = ScriptApp.getProjectTriggers().filter(
    t =>
      t.getHandlerFunction() === CHANGE_HANDLER &&
      String(t.getEventType()) === 'ON_CHANGE' &&
      t.getTriggerSourceId() === ss.getId(),
  );
  let created = false;
  if (!mine.length) {
    mine.push(
      ScriptApp.newTrigger(CHANGE_HANDLER)
        .forSpreadsheet(ss)
        .onChange()
        .create(),
    );
    created = true;
  }
  const record = JSON.stringify({
    installer: effectiveUserEmail(),
    id: mine[0].getUniqueId(),
  });
  if (getDocProperty(SNAPSHOT_GUARD_KEY) !== record) {
    setDocProperty(SNAPSHOT_GUARD_KEY, record);
  }
  if (created) bumpSnapshotVersion();
  return created;
}
