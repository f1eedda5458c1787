// Daily step: when unit or admin e-mails changed since the last set-up, re-run set-up so each unit's
// protected rows follow its new addresses (the job runs as the admin who turned it on, who may).
import {getDocProperty} from '../../services/properties';
import {DEFAULT_PLAN} from '../../plan/defaultPlan';
import {PROTECTION_KEY_PROPERTY} from '../../workbook/protect';
import {rowToUnit} from '../../workbook/records';
import {SETTINGS, UNITS} from '../../workbook/schema';
import {parseSettings} from '../../workbook/settings';
import {readTable} from '../../workbook/table';
import {settingsValues} from '../../workbook/workbook';
import {protectionKeyOf, protectionPeople, runSetup} from '../setup';
import type {DailyStep} from './context';

export const syncProtections: DailyStep = {
  name: 'syncProtections',
  label: 'Cập nhật quyền sửa theo đơn vị',
  run(ctx) {
    // Only the two tabs the key depends on (the other steps read the whole workbook later).
    const {offset} = ctx.clock;
    const unitsTable = readTable(ctx.ss, UNITS);
    const settingsTable = readTable(ctx.ss, SETTINGS);
    const units = unitsTable.rows
      .map(r => rowToUnit(r, offset))
      .filter(u => u.code && u.name);
    const settings = parseSettings(
      settingsValues(settingsTable, offset),
      DEFAULT_PLAN,
    );
    // Only valid addresses count (set-up lists the others and leaves them out of every protection).
    const key = protectionKeyOf(units, protectionPeople(units, settings));
    if (getDocProperty(PROTECTION_KEY_PROPERTY) === key) {
      // The statuses step re-reads the workbook under the lock next: these two tabs, which it
      // does not write, need not be read twice.
      ctx.readAhead = {units: unitsTable, settings: settingsTable};
      return 'quyền sửa đã khớp với trang Đơn vị';
    }
    const report = runSetup();
    ctx.reload();
    // Bad addresses were left out of every protection: say which, so the admin can correct them.
    const bad = report.problems.filter(p => /không hợp lệ/.test(p));
    return (
      'email đơn vị hoặc quản trị viên đã đổi: đã thiết lập lại quyền sửa ' +
      `(${report.assignments} phân công)` +
      (bad.length ? `; ${bad.join(' ')}` : '')
    );
  },
};
