// Rendering a form spec with FormApp: items matched by title and type, added, configured, deleted and ordered.
import {
  titleKey,
  type FormItemKind,
  type FormItemSpec,
  type FormSpec,
} from '../core/villageForm';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;

/**
 * Forms item operations (add, set, read, delete, move) one run may make. FormApp has no batch API,
 * so a large plan's form is built over several runs, each well within Apps Script's 6 minutes
 * (about 100 s at a conservative 100 ms per Forms call).
 */
export const MAX_ITEM_OPS_PER_RUN = 1000;

/**
 * How long one run may spend placing items (ms). Forms calls are sometimes far slower than 100 ms,
 * so the build also stops on the clock, leaving most of Apps Script's 6 minutes for the links,
 * the response tab and the catch-up that follow.
 */
export const MAX_BUILD_MS = 3 * 60 * 1000;

/** The most Forms calls one spec item can take (add, title, help, choices, required, validation). */
export const MAX_OPS_PER_ITEM = 12;

const ITEM_TYPES: Record<FormItemKind, string> = {
  list: 'LIST',
  choice: 'MULTIPLE_CHOICE',
  text: 'TEXT',
  number: 'TEXT',
  paragraph: 'PARAGRAPH_TEXT',
  date: 'DATE',
  header: 'SECTION_HEADER',
  section: 'PAGE_BREAK',
};

/** An existing item of the form and what we know of it. */
interface Existing {
  item: Item;
  title: string;
  key: string;
  type: string;
  used: boolean;
}

/** Titles we own: a task question "NV5 – …", a section "Nhiệm vụ 5: …", or a fixed title. */
function isOurTitle(title: string, spec: FormSpec): boolean {
  const t = titleKey(title);
  if (/^nv\s*[0-9a-z.]+\s*-/u.test(t) || /^nhiệm vụ [0-9a-z.]+:/u.test(t))
    return true;
  return spec.items.some(i => i.tt === null && titleKey(i.title) === t);
}

/** Where a build starts and how much it may do. */
export interface SyncPlan {
  /** The form holds only the first `start` spec items, created by this build in order. */
  fresh: boolean;
  /** Spec items already placed by earlier runs of this build (not configured again). */
  start: number;
  /** Forms item operations this run may make. */
  budget: number;
  /** When the run started (ms since the epoch) and how long it may place items. */
  startedAt: number;
  maxMs: number;
}

/** What one sync did: the village list (when placed), how far it got, and whether it finished. */
export interface SyncResult {
  villageList: GoogleAppsScript.Forms.ListItem | null;
  /** The village's verification code question (prefilled in each village's link). */
  codeItem: GoogleAppsScript.Forms.TextItem | null;
  done: number;
  complete: boolean;
}

export class FormRenderer {
  private numberValidation: GoogleAppsScript.Forms.TextValidation | null = null;
  added = 0;
  removed = 0;
  /** Forms calls made by this renderer. */
  ops = 0;

  constructor(private readonly form: Form) {}

  private validation(): GoogleAppsScript.Forms.TextValidation {
    if (!this.numberValidation) {
      this.ops += 4;
      this.numberValidation = FormApp.createTextValidation()
        .requireWholeNumber()
        .setHelpText('Nhập một số nguyên, ví dụ 0, 1, 2.')
        .build();
    }
    return this.numberValidation;
  }

  private create(spec: FormItemSpec): Item {
    const f = this.form;
    this.added++;
    this.ops++;
    switch (spec.kind) {
      case 'list':
        return f.addListItem() as unknown as Item;
      case 'choice':
        return f.addMultipleChoiceItem() as unknown as Item;
      case 'text':
      case 'number':
        return f.addTextItem() as unknown as Item;
      case 'paragraph':
        return f.addParagraphTextItem() as unknown as Item;
      case 'date':
        return f.addDateItem() as unknown as Item;
      case 'header':
        return f.addSectionHeaderItem() as unknown as Item;
      default:
        return f.addPageBreakItem() as unknown as Item;
    }
  }

  /** Sets an item's title, help, required flag, choices and validation to the spec's. */
  private configure(
    item: Item,
    spec: FormItemSpec,
    fresh: boolean,
  ): GoogleAppsScript.Forms.ListItem | null {
    if (fresh) {
      item.setTitle(spec.title);
      this.ops++;
    }
    item.setHelpText(spec.helpText);
    this.ops++;
    // Re-typing an existing item ("asListItem") is one more call.
    if (!fresh && spec.kind !== 'header' && spec.kind !== 'section') this.ops++;
    switch (spec.kind) {
      case 'list': {
        const list = fresh
          ? (item as unknown as GoogleAppsScript.Forms.ListItem)
          : item.asListItem();
        list.setChoiceValues(
          spec.choices.length ? spec.choices : ['(chưa có thôn)'],
        );
        list.setRequired(spec.required);
        this.ops += 2;
        return list;
      }
      case 'choice': {
        const mc = fresh
          ? (item as unknown as GoogleAppsScript.Forms.MultipleChoiceItem)
          : item.asMultipleChoiceItem();
        mc.setChoiceValues(spec.choices);
        mc.setRequired(spec.required);
        this.ops += 2;
        break;
      }
      case 'text':
      case 'number': {
        const text = fresh
          ? (item as unknown as GoogleAppsScript.Forms.TextItem)
          : item.asTextItem();
        text.setRequired(spec.required);
        this.ops++;
        if (spec.kind === 'number') {
          text.setValidation(this.validation());
          this.ops++;
        }
        break;
      }
      case 'paragraph': {
        const p = fresh
          ? (item as unknown as GoogleAppsScript.Forms.ParagraphTextItem)
          : item.asParagraphTextItem();
        p.setRequired(spec.required);
        this.ops++;
        break;
      }
      case 'date': {
        const d = fresh
          ? (item as unknown as GoogleAppsScript.Forms.DateItem)
          : item.asDateItem();
        d.setRequired(spec.required);
        this.ops++;
        break;
      }
      default:
        break;
    }
    return null;
  }

  /** The form's items with their titles and types (1 + 2 calls per item). */
  private readExisting(): Existing[] {
    this.ops++;
    return this.form.getItems().map(item => {
      this.ops += 2;
      const title = item.getTitle();
      return {
        item,
        title,
        key: titleKey(title),
        type: String(item.getType()),
        used: false,
      };
    });
  }

  /**
   * Makes the form's items the spec's, in order: reuses an item with the same title and type (its
   * entry id, response column and prefilled links stay), adds what is missing, deletes our items no
   * longer in the spec (questions the admin added by hand are kept, after ours). Stops before the
   * plan's budget of Forms calls is spent (always placing at least one item, so every run makes
   * progress); the next run goes on from `done`.
   */
  sync(spec: FormSpec, plan: SyncPlan): SyncResult {
    const {budget} = plan;
    let fresh = plan.fresh;
    let start = plan.start;
    const placed: Item[] = [];
    let existing: Existing[] = [];
    let villageList: GoogleAppsScript.Forms.ListItem | null = null;
    let codeItem: GoogleAppsScript.Forms.TextItem | null = null;
    const villageIndex = spec.items.findIndex(s => s.role === 'village');
    const codeIndex = spec.items.findIndex(s => s.role === 'code');
    if (fresh && start > 0) {
      // A build that created the form: its items are the spec's first `start`, in order.
      this.ops++;
      const items = this.form.getItems();
      if (items.length === start) {
        placed.push(...items);
        if (villageIndex >= 0 && villageIndex < start) {
          this.ops++;
          villageList = items[villageIndex].asListItem();
        }
        if (codeIndex >= 0 && codeIndex < start) {
          this.ops++;
          codeItem = items[codeIndex].asTextItem();
        }
      } else {
        fresh = false;
        start = 0;
      }
    }
    if (!fresh) existing = this.readExisting();
    const full = () =>
      this.ops + MAX_OPS_PER_ITEM > budget ||
      Date.now() - plan.startedAt > plan.maxMs;
    let progressed = false;
    for (let i = placed.length; i < spec.items.length; i++) {
      const s = spec.items[i];
      const type = ITEM_TYPES[s.kind];
      const match = existing.find(
        e => !e.used && e.key === titleKey(s.title) && e.type === type,
      );
      if (match && i < start) {
        // Brought in step by an earlier run of this build.
        match.used = true;
        placed.push(match.item);
        if (s.role === 'village') {
          this.ops++;
          villageList = match.item.asListItem();
        }
        if (s.role === 'code') {
          this.ops++;
          codeItem = match.item.asTextItem();
        }
        continue;
      }
      if (progressed && full())
        return {villageList, codeItem, done: i, complete: false};
      progressed = true;
      let item: Item;
      let list: GoogleAppsScript.Forms.ListItem | null;
      if (match) {
        match.used = true;
        item = match.item;
        list = this.configure(item, s, false);
      } else {
        item = this.create(s);
        list = this.configure(item, s, true);
      }
      placed.push(item);
      if (s.role === 'village') villageList = list;
      if (s.role === 'code') {
        this.ops++;
        codeItem = match
          ? item.asTextItem()
          : (item as unknown as GoogleAppsScript.Forms.TextItem);
      }
    }
    const done = spec.items.length;
    for (const e of existing) {
      if (e.used || !isOurTitle(e.title, spec)) continue;
      if (progressed && full())
        return {villageList, codeItem, done, complete: false};
      progressed = true;
      this.form.deleteItem(e.item);
      this.ops++;
      this.removed++;
    }
    // Items added at the end or left by deletions are moved into place; an unchanged form keeps its order.
    if (!fresh && (this.added || this.removed || start > 0)) this.order(placed);
    return {villageList, codeItem, done, complete: true};
  }

  /** Moves our items into the spec's order (one move per item out of place). */
  private order(placed: Item[]): void {
    this.ops++;
    const ids = this.form.getItems().map(i => {
      this.ops++;
      return i.getId();
    });
    placed.forEach((item, index) => {
      this.ops++;
      const id = item.getId();
      if (ids[index] === id) return;
      // The index form (Form.moveItem(from, to)): a typed item (ListItem…) is not an `Item`.
      this.form.moveItem(ids.indexOf(id), index);
      this.ops++;
      ids.splice(ids.indexOf(id), 1);
      ids.splice(index, 0, id);
    });
  }
}
