// What the personal-link page and the server exchange through google.script.run: plain JSON.
import type {
  SavePayload,
  SaveResult,
  UnitOption,
  UnitPageData,
  UploadFile,
  UploadResult,
} from './sidebar';

export type {UploadFile, UploadLimits, UploadResult} from './sidebar';

/** Everything the page shows, for the holder of one unit's (or village's) link. */
export interface LinkData extends UnitPageData {
  ok: true;
  unit: UnitOption;
  isVillage: boolean;
  /** A village's report for the current period through this page (null for other units). */
  villageReport: VillageReportForm | null;
}

/** One question of the village report, as the page shows it. */
export interface VillageReportQuestion {
  /** The normalised field it fills. */
  key: string;
  title: string;
  help: string;
  kind: 'choice' | 'text' | 'paragraph' | 'number' | 'date';
  choices: string[];
  required: boolean;
  /** The form's section it belongs to ("Nhiệm vụ 5: …"), '' for the first one. */
  group: string;
}

export interface VillageReportForm {
  periodId: string;
  periodName: string;
  questions: VillageReportQuestion[];
  /** When the village last reported for this period (dd/MM/yyyy HH:mm), '' if never. */
  lastReportText: string;
}

/** Why the page shows no data. */
export interface LinkRefusal {
  ok: false;
  code:
    | 'malformed'
    | 'unknown'
    | 'revoked'
    | 'expired'
    | 'inactive'
    | 'throttled'
    | 'not_setup'
    | 'error';
  message: string;
}

export type LinkLoadResult = LinkData | LinkRefusal;

/** What the page sends for a village's report. */
export interface VillageReportPayload {
  /** The period the page showed (refused if it has moved on meanwhile). */
  periodId: string;
  /** One id per press of "Gửi báo cáo": a retried request is recognised and not stored twice. */
  submissionId: string;
  /** Answers by question key. */
  answers: Record<string, string>;
}

export interface VillageReportResult {
  ok: boolean;
  message: string;
  /** Stored as counted ('valid') or stored for the admin to look at ('flagged'). */
  state?: 'valid' | 'flagged';
  /** What "Cần xem lại" says about it. */
  problems?: string[];
  /** Refused before storing (as the Google Form refuses): the questions to correct, by key. */
  errors?: {key: string; message: string}[];
}

/** The server functions the page calls. */
export interface LinkServer {
  linkLoad(token: string): LinkLoadResult;
  linkSave(token: string, payload: SavePayload): SaveResult;
  linkUpload(
    token: string,
    assignmentId: string,
    file: UploadFile,
  ): UploadResult;
  linkVillageReport(
    token: string,
    payload: VillageReportPayload,
  ): VillageReportResult;
}
