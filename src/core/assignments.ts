// Assignments (phân công): tasks expanded into task × unit × role, and merged with what users entered.
import type {Assignment, Role, Task, Unit, UnitGroup} from './types';
import {expandRef, resolveUnitRefs} from './units';

/** Something in a task's lead/support text that gives no assignment. */
export interface ExpansionProblem {
  tt: string;
  field: 'lead' | 'support';
  /**
   * unknown_text: names no unit or group; empty_group: a group no active unit belongs to;
   * inactive_unit: a unit the admin switched off; no_lead: the task has no lead text at all.
   */
  kind: 'unknown_text' | 'empty_group' | 'inactive_unit' | 'no_lead';
  /** The words concerned, as the plan wrote them. */
  text: string;
}

export interface Expansion {
  assignments: Assignment[];
  problems: ExpansionProblem[];
}

/** The stable id of an assignment. */
export function assignmentId(tt: string, unitCode: string, role: Role): string {
  return `${tt}|${unitCode}|${role}`;
}

/** A fresh assignment: not started, nothing reported, version 0. */
export function newAssignment(
  tt: string,
  unitCode: string,
  role: Role,
): Assignment {
  return {
    id: assignmentId(tt, unitCode, role),
    tt,
    unitCode,
    role,
    progress: 'not_started',
    completedOn: null,
    result: '',
    evidence: [],
    proposals: '',
    updatedAt: null,
    updatedBy: '',
    version: 0,
    dueOverride: null,
  };
}

/**
 * One task's assignments: a lead assignment per unit its lead text names (a group gives one per
 * active member), then a support assignment per unit of its support text that is not already lead.
 */
export function expandTask(
  task: Task,
  units: Unit[],
  groups: UnitGroup[],
): Expansion {
  const assignments: Assignment[] = [];
  const problems: ExpansionProblem[] = [];
  const taken = new Set<string>();
  const tt = task.tt;
  const byCode = new Map(units.map(u => [u.code, u] as const));

  const expandField = (field: 'lead' | 'support', text: string) => {
    const {refs, unknown} = resolveUnitRefs(text, units, groups);
    for (const ref of refs) {
      const codes = expandRef(ref, units, tt);
      if (codes.length === 0) {
        const inactive =
          ref.type === 'unit' && byCode.get(ref.code)?.active === false;
        problems.push({
          tt,
          field,
          kind: inactive ? 'inactive_unit' : 'empty_group',
          text: ref.text,
        });
      }
      for (const code of codes) {
        if (taken.has(code)) continue;
        taken.add(code);
        assignments.push(newAssignment(tt, code, field));
      }
    }
    for (const text of unknown)
      problems.push({tt, field, kind: 'unknown_text', text});
  };

  if (String(task.lead ?? '').trim() === '') {
    problems.push({tt, field: 'lead', kind: 'no_lead', text: ''});
  } else {
    expandField('lead', task.lead);
  }
  expandField('support', String(task.support ?? ''));
  return {assignments, problems};
}

/** Every task's assignments, in task order. */
export function expandPlan(
  tasks: Task[],
  units: Unit[],
  groups: UnitGroup[],
): Expansion {
  const assignments: Assignment[] = [];
  const problems: ExpansionProblem[] = [];
  for (const task of tasks) {
    const e = expandTask(task, units, groups);
    assignments.push(...e.assignments);
    problems.push(...e.problems);
  }
  return {assignments, problems};
}

/** One Vietnamese sentence for an expansion problem, for the set-up report. */
export function describeProblem(p: ExpansionProblem): string {
  const where = `Nhiệm vụ ${p.tt}, ${p.field === 'lead' ? 'cơ quan chủ trì' : 'cơ quan phối hợp'}`;
  switch (p.kind) {
    case 'unknown_text':
      return `${where}: không nhận ra đơn vị "${p.text}". Thêm đơn vị (hoặc tên gọi khác) ở tab Đơn vị, hoặc sửa lại nội dung.`;
    case 'empty_group':
      return `${where}: nhóm "${p.text}" chưa có đơn vị nào. Gắn nhãn nhóm cho các đơn vị ở tab Đơn vị.`;
    case 'inactive_unit':
      return `${where}: đơn vị "${p.text}" đang tạm ngừng theo dõi nên không được phân công.`;
    default:
      return `${where}: chưa ghi cơ quan chủ trì.`;
  }
}

export interface MergeResult {
  /**
   * Every existing assignment, unchanged and in its order, then the new ones in plan order. Existing
   * ones no longer in the plan stay (see `orphaned`): nothing a user entered is dropped.
   */
  assignments: Assignment[];
  /** Assignments the plan now has that did not exist. */
  added: Assignment[];
  /** Existing assignments the plan no longer gives (kept, for the admin to review). */
  orphaned: Assignment[];
  /** Ids that appear more than once among the existing assignments (all copies kept). */
  duplicateIds: string[];
}

/** Merges freshly expanded assignments into the existing ones without losing any user data. */
export function mergeAssignments(
  existing: Assignment[],
  expanded: Assignment[],
): MergeResult {
  const planned = new Set(expanded.map(a => a.id));
  const have = new Set<string>();
  const duplicates = new Set<string>();
  for (const a of existing) {
    if (have.has(a.id)) duplicates.add(a.id);
    have.add(a.id);
  }
  const added: Assignment[] = [];
  for (const a of expanded) {
    if (have.has(a.id)) continue;
    have.add(a.id);
    added.push(a);
  }
  return {
    assignments: [...existing, ...added],
    added,
    orphaned: existing.filter(a => !planned.has(a.id)),
    duplicateIds: [...duplicates],
  };
}
