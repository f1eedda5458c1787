// Form builds spread over several runs: what an unfinished build has done, and its continuation trigger.
import type {FormSpec} from '../core/villageForm';
import {
  deleteDocProperty,
  readJsonProperty,
  setDocProperty,
} from '../services/properties';

/** Document property holding, per period, the progress of a form build not yet finished (JSON). */
export const PENDING_FORMS_PROPERTY = 'villageForms.pending';

/** The function a continuation trigger runs (the menu's entry point). */
export const CONTINUATION_HANDLER = 'createVillageForms';

/** How long after a partial build its continuation runs. */
export const CONTINUATION_DELAY_MS = 60 * 1000;

/** How far an unfinished build of a period's form has gone. */
export interface PendingBuild {
  formId: string;
  /** Spec items placed (created or brought in step) so far, in the spec's order. */
  done: number;
  /** True while the form holds only the items this build created, in the spec's order. */
  fresh: boolean;
  /** True when the build began by creating the form. */
  created: boolean;
  /** The spec's signature when the build began: a changed plan means matching items again. */
  specKey: string;
}

/** Every unfinished build, by period id (never throws). */
export function readPendingBuilds(): Record<string, PendingBuild> {
  return readJsonProperty<PendingBuild>(PENDING_FORMS_PROPERTY);
}

export function writePendingBuilds(builds: Record<string, PendingBuild>): void {
  if (Object.keys(builds).length)
    setDocProperty(PENDING_FORMS_PROPERTY, JSON.stringify(builds));
  else deleteDocProperty(PENDING_FORMS_PROPERTY);
}

/** A short signature of the spec's items (titles and kinds, in order). */
export function specSignature(spec: FormSpec): string {
  let h = 5381;
  const text = spec.items.map(i => `${i.kind}|${i.title}`).join('\n');
  for (let i = 0; i < text.length; i++)
    h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${spec.items.length}:${h.toString(36)}`;
}

type Trigger = GoogleAppsScript.Script.Trigger;

const isContinuation = (t: Trigger) =>
  t.getHandlerFunction() === CONTINUATION_HANDLER &&
  String(t.getEventType()) === 'CLOCK';

/** Deletes this user's continuation triggers; returns how many. */
export function deleteContinuations(): number {
  const mine = ScriptApp.getProjectTriggers().filter(isContinuation);
  mine.forEach(t => ScriptApp.deleteTrigger(t));
  return mine.length;
}

/** Schedules one continuation in a minute unless one is already pending; true when created. */
export function scheduleContinuation(): boolean {
  if (ScriptApp.getProjectTriggers().some(isContinuation)) return false;
  ScriptApp.newTrigger(CONTINUATION_HANDLER)
    .timeBased()
    .after(CONTINUATION_DELAY_MS)
    .create();
  return true;
}
