// The Sheets advanced service (API v4): format changes of many tabs sent as one batchUpdate call.

/** One request of a batchUpdate (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request). */
export type SheetsRequest = GoogleAppsScript.Sheets.Schema.Request;

/**
 * Whether the Sheets advanced service is enabled (appsscript.json enabledAdvancedServices). An admin
 * may disable advanced services; callers then use SpreadsheetApp instead
 * (developers.google.com/apps-script/guides/services/advanced).
 */
export function sheetsApiAvailable(): boolean {
  return typeof Sheets !== 'undefined' && !!Sheets?.Spreadsheets;
}

/**
 * Sends the requests in one Spreadsheets.batchUpdate: validated together and applied atomically,
 * all or nothing (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate).
 * The API obeys the sheet's protections for the user the script runs as. Nothing to send: no call.
 */
export function batchUpdate(
  spreadsheetId: string,
  requests: readonly SheetsRequest[],
): GoogleAppsScript.Sheets.Schema.Response[] {
  if (!requests.length) return [];
  if (!sheetsApiAvailable())
    throw new Error('Dịch vụ nâng cao Google Sheets API chưa được bật.');
  const response = (Sheets as GoogleAppsScript.Sheets).Spreadsheets.batchUpdate(
    {requests: [...requests]},
    spreadsheetId,
  );
  return response.replies ?? [];
}

/** Requests gathered while several tabs are prepared, sent once with `flush`. */
export class SheetsBatch {
  private readonly requests: SheetsRequest[] = [];

  constructor(private readonly spreadsheetId: string) {}

  add(...requests: SheetsRequest[]): void {
    this.requests.push(...requests);
  }

  get size(): number {
    return this.requests.length;
  }

  /** Sends everything gathered in one call (none when empty) and starts over; the replies, in order. */
  flush(): GoogleAppsScript.Sheets.Schema.Response[] {
    const requests = this.requests.splice(0);
    return batchUpdate(this.spreadsheetId, requests);
  }
}
