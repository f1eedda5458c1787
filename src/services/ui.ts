// The spreadsheet UI adapter: alerts, toasts and the menu, tolerant of contexts that have no UI (triggers).

/** The Ui of the bound spreadsheet, or null when the script runs without one (triggers, API). */
export function getUiOrNull(): GoogleAppsScript.Base.Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}

/** Shows a message box when a UI exists; otherwise logs it. */
export function alertUser(title: string, message: string): void {
  const ui = getUiOrNull();
  if (ui) ui.alert(title, message, ui.ButtonSet.OK);
  else console.log(`${title}: ${message}`);
}

/** A small non-blocking notice in the spreadsheet's corner. */
export function toast(
  message: string,
  title = 'Dân vận',
  seconds = 5,
  ss?: GoogleAppsScript.Spreadsheet.Spreadsheet,
): void {
  try {
    (ss ?? SpreadsheetApp.getActive()).toast(message, title, seconds);
  } catch {
    console.log(`${title}: ${message}`);
  }
}
