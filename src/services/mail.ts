// The mail adapter: MailApp behind one function, with the daily quota.

export interface OutgoingMail {
  to: string;
  cc?: string;
  subject: string;
  /** Plain-text body (shown by clients without HTML). */
  body: string;
  htmlBody: string;
  /** Sender display name (the address is always the user the script runs as). */
  name?: string;
  replyTo?: string;
  attachments?: GoogleAppsScript.Base.BlobSource[];
}

/** Sends one e-mail through MailApp (scope script.send_mail). Throws on a bad address or no quota. */
export function sendMail(mail: OutgoingMail): void {
  const options: GoogleAppsScript.Mail.MailAdvancedParameters = {
    to: mail.to,
    subject: mail.subject,
    body: mail.body,
    htmlBody: mail.htmlBody,
  };
  if (mail.cc) options.cc = mail.cc;
  if (mail.name) options.name = mail.name;
  if (mail.replyTo) options.replyTo = mail.replyTo;
  if (mail.attachments?.length) options.attachments = mail.attachments;
  MailApp.sendEmail(options);
}

/** Recipients the script may still send to today (100 on consumer accounts, 1,500 on Workspace). */
export function remainingMailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}
