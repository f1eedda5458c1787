// Test helper: the seed plan scaled to many tasks and villages, for call-budget and benchmark runs.
import type {Plan, Unit} from '../../src/core/types';
import {defaultPlan} from '../../src/plan/defaultPlan';

/** The seed plan with `taskCount` tasks (the 13 repeated, renumbered) and `villageCount` villages. */
export function scaledPlan(taskCount: number, villageCount: number): Plan {
  const plan = defaultPlan();
  const seedTasks = plan.tasks;
  plan.tasks = Array.from({length: taskCount}, (_, i) => ({
    ...seedTasks[i % seedTasks.length],
    tt: String(i + 1),
  }));
  const template = plan.units.find(u => u.kind === 'village') as Unit;
  const others = plan.units.filter(u => u.kind !== 'village');
  const villages = Array.from({length: villageCount}, (_, i) => ({
    ...template,
    code: `THON${String(i + 1).padStart(4, '0')}`,
    name: `Thôn số ${i + 1}`,
    aliases: [],
  }));
  plan.units = [...others, ...villages];
  return plan;
}
