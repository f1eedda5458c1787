// FormApp's enums, the forms' persisted state (plain JSON) and the small pure helpers every forms file uses.
import {createHash} from 'node:crypto';
import type {TriggerRun} from '../index';
import {gasEnum} from '../spreadsheet/enums';

type Gas = typeof GoogleAppsScript.Forms;

// ---------------------------------------------------------------------------------------------
// Enums.

export const ItemTypeEnum = gasEnum<Gas['ItemType']>(
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
);
export const DestinationTypeEnum =
  gasEnum<Gas['DestinationType']>('SPREADSHEET');
export const PageNavigationTypeEnum = gasEnum<Gas['PageNavigationType']>(
  'CONTINUE',
  'GO_TO_PAGE',
  'RESTART',
  'SUBMIT',
);
export const AlignmentEnum = gasEnum<Gas['Alignment']>(
  'LEFT',
  'CENTER',
  'RIGHT',
);
export const FeedbackTypeEnum = gasEnum<Gas['FeedbackType']>(
  'CORRECT',
  'INCORRECT',
  'GENERAL',
);

/** The item types the emulator can create and answer. */
export type FormItemType =
  | 'CHECKBOX'
  | 'DATE'
  | 'LIST'
  | 'MULTIPLE_CHOICE'
  | 'PAGE_BREAK'
  | 'PARAGRAPH_TEXT'
  | 'SCALE'
  | 'SECTION_HEADER'
  | 'TEXT';

/** Types that are questions (have answers and a column in the response sheet). */
export const QUESTION_TYPES = new Set<FormItemType>([
  'CHECKBOX',
  'DATE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PARAGRAPH_TEXT',
  'SCALE',
  'TEXT',
]);

// ---------------------------------------------------------------------------------------------
// State (plain JSON, persisted with the workspace).

export interface TextValidationState {
  /** 'number', 'wholeNumber', 'numberBetween'… , 'email', 'url', 'contains', 'matches', 'length…'. */
  rule: string;
  args: Array<number | string>;
  helpText: string;
}

export interface FormItemState {
  id: number;
  /** The id of the answer field in the published form ("entry.<entryId>"): not the item id. */
  entryId: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices: Array<{
    value: string;
    navigation: string | null;
    gotoItemId: number | null;
  }>;
  otherOption: boolean;
  validation: TextValidationState | null;
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
  includesYear: boolean;
  points: number;
  navigation: string | null;
}

export interface FormAnswerState {
  itemId: number;
  value: string | string[];
}

export interface FormResponseState {
  id: string;
  /** ms since epoch. */
  timestamp: number;
  email: string;
  answers: FormAnswerState[];
}

export interface FormState {
  id: string;
  publishedId: string;
  owner: string;
  editors: string[];
  title: string;
  description: string;
  confirmation: string;
  closedMessage: string;
  items: FormItemState[];
  responses: FormResponseState[];
  destination: {spreadsheetId: string; sheetId: number} | null;
  /** The response sheet's columns: the timestamp, the e-mail, then one per question ever asked. */
  columns: Array<{itemId: number | null; role: 'timestamp' | 'email' | 'item'}>;
  accepting: boolean;
  /** Forms made by API calls after mid-2026 start unpublished (`setPublished(true)`). */
  published: boolean;
  collectEmail: boolean;
  progressBar: boolean;
  limitOne: boolean;
  allowEdits: boolean;
  respondAgain: boolean;
  requireLogin: boolean;
  shuffle: boolean;
  publishingSummary: boolean;
  quiz: boolean;
  seq: number;
}

export const NOT_FOUND =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
export const NO_DESTINATION = 'The form currently has no response destination.';

export function hashNumber(input: string, min: number, span: number): number {
  const h = createHash('sha256').update(input).digest();
  return min + (h.readUInt32BE(0) % span);
}

export function hashText(input: string, length: number): string {
  return createHash('sha256')
    .update(input)
    .digest('base64url')
    .slice(0, length);
}

/** The form-urlencoded value as Google's prefilled links write it (spaces as "+"). */
export function encodeFormValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** Form ids in a URL: edit ("/forms/d/<id>/…") or published ("/forms/d/e/<publishedId>/…"). */
export function formIdsInUrl(url: string): {
  id: string | null;
  publishedId: string | null;
} {
  const pub = /\/forms\/d\/e\/([A-Za-z0-9_-]+)/.exec(url);
  if (pub) return {id: null, publishedId: pub[1]};
  const m = /\/forms\/d\/([A-Za-z0-9_-]+)/.exec(url);
  return {id: m ? m[1] : null, publishedId: null};
}

export class FormSubmitError extends Error {
  constructor(
    message: string,
    readonly problems: Array<{title: string; message: string}> = [],
  ) {
    super(message);
    this.name = 'FormSubmitError';
  }
}

export interface SubmitOptions {
  /** Emulated time of the submission (default now). */
  submittedAt?: Date | string | number;
  /** Respondent e-mail (collected when the form collects e-mails). */
  email?: string;
  /** The Google account the respondent is signed in with (default: none, an anonymous villager). */
  signedInAs?: string;
  /**
   * Check the answers as the respondent's page does (default true): published and accepting,
   * required answered, choices among the choices, text validations. false delivers what is given,
   * as a script's FormResponse.submit() can.
   */
  validate?: boolean;
}

export interface SubmitResult {
  responseId: string;
  /** The response sheet and row, or null when the form has no (existing) destination sheet. */
  sheetName: string | null;
  row: number | null;
  /** The form-submit trigger runs (spreadsheet- and form-level). */
  runs: TriggerRun[];
}
