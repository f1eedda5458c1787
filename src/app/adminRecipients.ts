// The admins' mail recipients of this spreadsheet, by the core rule (settings, else installer, else owner).
import {adminMailRecipients} from '../core/recipients';
import {getDocProperty} from '../services/properties';
import {spreadsheetOwnerEmail} from '../services/user';
import {readTriggerRecord, TRIGGER_RECORD_KEY} from './triggers';

/** Who gets the admins' e-mail, for every mail the product sends them (see `adminMailRecipients`). */
export function adminRecipients(
  adminEmails: readonly string[],
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ownerOf: (
    ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ) => string = spreadsheetOwnerEmail,
): string[] {
  const valid = adminMailRecipients(adminEmails, {installer: '', owner: ''});
  if (valid.length) return valid;
  const record = readTriggerRecord(getDocProperty(TRIGGER_RECORD_KEY));
  const installer = record && !record.removedBy ? record.installer : '';
  return adminMailRecipients([], {
    installer,
    owner: installer ? '' : ownerOf(ss),
  });
}
