// Who is running the script: the signed-in user's e-mail (blank in simple triggers and for some accounts).

/** The signed-in user's e-mail, lower case, or '' when Google does not reveal it. */
export function activeUserEmail(): string {
  try {
    return (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
  } catch {
    return '';
  }
}

/** The user the script runs as (the trigger's installer in installable triggers). */
export function effectiveUserEmail(): string {
  try {
    return (Session.getEffectiveUser().getEmail() || '').trim().toLowerCase();
  } catch {
    return '';
  }
}

/** The spreadsheet owner's e-mail, lower case, or '' (shared-drive files have no owner). */
export function spreadsheetOwnerEmail(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): string {
  try {
    const owner = ss.getOwner();
    return owner ? String(owner.getEmail() || '').toLowerCase() : '';
  } catch {
    return '';
  }
}
