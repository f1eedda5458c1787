// Who receives the admins' e-mail (reminder copies, status, errors, summaries, exports): one rule everywhere.
import {isValidEmail} from './reminders';

/**
 * The admin mail's recipients: the valid addresses of Cấu hình → adminEmails (lower case, once each);
 * when it names none, the account that installed the automatic jobs (they run and send as it); when
 * the jobs are off too, the spreadsheet's owner. Empty when none of them is known.
 */
export function adminMailRecipients(
  adminEmails: readonly string[],
  fallback: {installer: string; owner: string},
): string[] {
  const valid = [
    ...new Set(
      adminEmails
        .map(e =>
          String(e ?? '')
            .trim()
            .toLowerCase(),
        )
        .filter(isValidEmail),
    ),
  ];
  if (valid.length) return valid;
  for (const e of [fallback.installer, fallback.owner]) {
    const s = String(e ?? '')
      .trim()
      .toLowerCase();
    if (isValidEmail(s)) return [s];
  }
  return [];
}
