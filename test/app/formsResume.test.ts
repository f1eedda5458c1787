// A large form is built over several runs: each run stays within its budget of Forms calls, a
// one-off continuation trigger finishes the form, and the result equals an unbudgeted build.
import {Workspace} from '../../emulator';
import {
  CONTINUATION_HANDLER,
  PENDING_FORMS_PROPERTY,
  runCreateVillageForms,
  type FormRunReport,
} from '../../src/app/forms';
import {runSetup} from '../../src/app/setup';
import {scaledPlan} from '../support/scaledPlan';

const ADMIN = 'admin@example.com';
const BUDGET = 60;
/** Forms calls a run makes outside the item loop (open, title, description, ids, URLs, links). */
const RUN_OVERHEAD = 30;

jest.useFakeTimers({
  doNotFake: [
    'nextTick',
    'setImmediate',
    'clearImmediate',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'queueMicrotask',
    'hrtime',
    'performance',
  ],
});

function workspace(): Workspace {
  const now = '2025-08-27T01:00:00Z';
  const ws = new Workspace({owner: ADMIN, now});
  jest.setSystemTime(new Date(now));
  ws.installGlobals();
  ws.run(ADMIN, () => runSetup(scaledPlan(13, 5)));
  return ws;
}

/** The form's items as [type, title, help] (what the village sees). */
function items(ws: Workspace, formId: string): string[][] {
  return ws.uncounted(() =>
    ws.run(ADMIN, () =>
      FormApp.openById(formId)
        .getItems()
        .map(i => [String(i.getType()), i.getTitle(), i.getHelpText()]),
    ),
  );
}

/** Forms calls counted since the last reset (FormApp, forms, items, validations, responses). */
function formsCalls(ws: Workspace): number {
  return Object.entries(ws.calls.snapshot())
    .filter(([k]) =>
      /^(FormApp|Form|FormResponse|ItemResponse|Choice|\w*Item|\w*Validation\w*)\./.test(
        k,
      ),
    )
    .reduce((sum, [, v]) => sum + v, 0);
}

const pendingProperty = (ws: Workspace) =>
  ws.uncounted(() =>
    ws.run(ADMIN, () =>
      PropertiesService.getDocumentProperties().getProperty(
        PENDING_FORMS_PROPERTY,
      ),
    ),
  );

const continuations = (ws: Workspace) =>
  ws.triggers.filter(
    t => t.handler === CONTINUATION_HANDLER && t.eventType === 'CLOCK',
  );

describe('createVillageForms over several runs', () => {
  let ws: Workspace;
  afterEach(() => ws.uninstallGlobals());

  it('stops at the budget, continues by trigger, and ends with the same form as one run', () => {
    // Reference: the whole form in one run.
    ws = workspace();
    const whole = ws.run(ADMIN, () =>
      runCreateVillageForms({periodId: 'KY1'}),
    ) as FormRunReport;
    expect(whole.complete).toBe(true);
    const expected = items(ws, whole.formId);
    ws.uninstallGlobals();

    ws = workspace();
    // Each run's Forms calls, the first by the admin, the others by the trigger.
    const perRun: number[] = [];
    ws.setFunctions({
      [CONTINUATION_HANDLER]: (e: unknown) => {
        ws.calls.reset();
        const r = runCreateVillageForms({continuation: !!e});
        perRun.push(formsCalls(ws));
        return r;
      },
    });
    ws.calls.reset();
    const first = ws.run(ADMIN, () =>
      runCreateVillageForms({periodId: 'KY1', maxItemOps: BUDGET}),
    ) as FormRunReport;
    perRun.push(formsCalls(ws));
    expect(first.complete).toBe(false);
    expect(first.created).toBe(true);
    expect(first.itemsDone).toBeGreaterThan(0);
    expect(first.itemsDone).toBeLessThan(first.itemsTotal);
    expect(first.continuationScheduled).toBe(true);
    expect(continuations(ws)).toHaveLength(1);
    expect(pendingProperty(ws)).toContain('KY1');
    // Nothing about links or publishing yet: the form is not finished.
    expect(first.links).toBe(0);

    // A second manual run before the trigger fires does not schedule a second continuation.
    ws.calls.reset();
    const again = ws.run(ADMIN, () =>
      runCreateVillageForms({periodId: 'KY1', maxItemOps: BUDGET}),
    ) as FormRunReport;
    perRun.push(formsCalls(ws));
    expect(again.complete).toBe(false);
    expect(again.formId).toBe(first.formId);
    expect(again.itemsDone).toBeGreaterThan(first.itemsDone);
    expect(again.continuationScheduled).toBe(false);
    expect(continuations(ws)).toHaveLength(1);

    // The continuation trigger runs without a UI; the budget is the default here, so inject it.
    ws.setFunctions({
      [CONTINUATION_HANDLER]: (e: unknown) => {
        ws.calls.reset();
        const r = runCreateVillageForms({
          continuation: !!e,
          maxItemOps: BUDGET,
        });
        perRun.push(formsCalls(ws));
        return r;
      },
    });
    let last: FormRunReport | null = again;
    for (let run = 0; run < 20 && continuations(ws).length; run++) {
      const fired = ws.fireTrigger(continuations(ws)[0]);
      expect(fired.ok).toBe(true);
      last = fired.result as FormRunReport | null;
      // The trigger that fired never lingers: at most one continuation is ever pending.
      expect(continuations(ws).length).toBeLessThanOrEqual(1);
    }
    expect(last?.complete).toBe(true);
    expect(last?.created).toBe(true);
    expect(last?.formId).toBe(first.formId);
    expect(last?.links).toBe(5);
    expect(last?.published).toBe(true);
    expect(continuations(ws)).toHaveLength(0);
    expect(pendingProperty(ws)).toBeNull();

    // Same items, same order, no duplicates; one form only.
    const built = items(ws, first.formId);
    expect(built).toEqual(expected);
    expect(new Set(built.map(i => i.join('|'))).size).toBe(built.length);
    expect(ws.forms.list().length).toBe(1);

    // Every run stayed within its budget (plus the run's fixed calls).
    console.log(`Forms calls per run (budget ${BUDGET}): ${perRun.join(', ')}`);
    expect(perRun.length).toBeGreaterThan(2);
    for (const n of perRun)
      expect(n).toBeLessThanOrEqual(BUDGET + RUN_OVERHEAD);

    // A later run with everything built just updates, and schedules nothing.
    const update = ws.run(ADMIN, () =>
      runCreateVillageForms({periodId: 'KY1'}),
    ) as FormRunReport;
    expect(update.complete).toBe(true);
    expect(update.created).toBe(false);
    expect(update.itemsAdded).toBe(0);
    expect(items(ws, first.formId)).toEqual(expected);
    expect(continuations(ws)).toHaveLength(0);
  });

  it('a stray continuation with nothing left to build does nothing and removes itself', () => {
    ws = workspace();
    ws.setFunctions({
      [CONTINUATION_HANDLER]: (e: unknown) =>
        runCreateVillageForms({continuation: !!e}),
    });
    ws.run(ADMIN, () =>
      ScriptApp.newTrigger(CONTINUATION_HANDLER)
        .timeBased()
        .after(60 * 1000)
        .create(),
    );
    const run = ws.fireTrigger(continuations(ws)[0]);
    expect(run.ok).toBe(true);
    expect(run.result).toBeNull();
    expect(continuations(ws)).toHaveLength(0);
    expect(ws.forms.list().length).toBe(0);
  });
});
