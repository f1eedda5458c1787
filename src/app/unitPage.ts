// What the sidebar and the link page both show for one unit: the plan, the period and its assignments, most urgent first.
import {PROGRESS_LABELS, PROGRESS_ORDER} from '../core/status';
import type {UnitPageData} from '../shared/sidebar';
import {
  assignmentDto,
  limits,
  periodDto,
  sortForSidebar,
  type Context,
} from './assignmentGate';
import {UPLOAD_LIMITS} from './evidence';

/** The page data of unit `code` from an open context (no spreadsheet call). */
export function unitPageData(ctx: Context, code: string): UnitPageData {
  const {data, clock} = ctx;
  return {
    commune: data.settings.commune,
    planTitle: data.settings.planTitle,
    reportTo: data.settings.reportTo,
    today: clock.today,
    period: periodDto(ctx.period, clock.today),
    assignments: sortForSidebar(
      data.assignments
        .filter(a => a.unitCode === code)
        .map(a => assignmentDto(a, ctx)),
    ),
    progressOptions: PROGRESS_ORDER.map(value => ({
      value,
      label: PROGRESS_LABELS[value],
    })),
    limits: limits(),
    upload: {...UPLOAD_LIMITS, types: [...UPLOAD_LIMITS.types]},
    dueSoonDays: data.settings.dueSoonDays,
  };
}
