// The built dist/Code.js as Apps Script loads it: a classic script in a bare V8 context, no Node globals.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import * as vm from 'node:vm';

const DIST = join(__dirname, '../../dist');
const code = readFileSync(join(DIST, 'Code.js'), 'utf8');

/** Every global entry point: the exports of src/app/main.ts (menus, triggers, google.script.run, doGet). */
const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'setupWorkbook',
  'onEdit',
  'onWorkbookChange',
  'showSidebar',
  'sidebarLoad',
  'sidebarSave',
  'sidebarUpload',
  'doGet',
  'sendUpdateLinks',
  'revokeUpdateLinks',
  'linkLoad',
  'linkSave',
  'linkUpload',
  'linkVillageReport',
  'createVillageForms',
  'installTriggers',
  'removeTriggers',
  'showTriggerStatus',
  'dailyJob',
  'onVillageFormSubmit',
  'buildSummary',
  'exportSummary',
  'cityRollup',
  'cityRollupContinue',
  'exportCityRollup',
  'showHelp',
  'showImportPlan',
  'importPlanPreview',
  'applyImportedPlan',
];

/** The entry points the menu does not list (simple and installable triggers, pages' server calls). */
const NOT_IN_MENU = [
  'onOpen',
  'onInstall',
  'onEdit',
  'onWorkbookChange',
  'dailyJob',
  'onVillageFormSubmit',
  'sidebarLoad',
  'sidebarSave',
  'sidebarUpload',
  'doGet',
  'linkLoad',
  'linkSave',
  'linkUpload',
  'linkVillageReport',
  'cityRollupContinue',
  'importPlanPreview',
  'applyImportedPlan',
];

function bareContext(extra: Record<string, unknown> = {}): vm.Context {
  const logs: string[] = [];
  const context = vm.createContext({
    console: {log: (...a: unknown[]) => logs.push(a.join(' '))},
    ...extra,
  });
  vm.runInContext(code, context, {filename: 'Code.js'});
  return context;
}

describe('dist/Code.js', () => {
  it('is one classic script: no import or export statement is left', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(() => new vm.Script(code)).not.toThrow();
  });

  it('runs in a context without Node or browser-only globals', () => {
    const context = bareContext();
    for (const name of [
      'require',
      'process',
      'Buffer',
      'URL',
      'URLSearchParams',
      'TextEncoder',
      'setTimeout',
      'structuredClone',
      'fetch',
    ]) {
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
    }
  });

  it("lists exactly the exports of src/app/main.ts, which are exactly the bundle's top-level functions", () => {
    const source = readFileSync(
      join(__dirname, '../../src/app/main.ts'),
      'utf8',
    );
    const exported = [...source.matchAll(/^export function (\w+)\(/gm)].map(
      m => m[1],
    );
    expect([...ENTRY_POINTS].sort()).toEqual([...exported].sort());
    const declared = [...code.matchAll(/^function (\w+)\(\) \{$/gm)].map(
      m => m[1],
    );
    expect([...declared].sort()).toEqual([...ENTRY_POINTS].sort());
    const context = bareContext();
    const onGlobal = Object.keys(
      vm.runInContext('DanVanApp', context) as Record<string, unknown>,
    );
    expect(onGlobal.sort()).toEqual([...ENTRY_POINTS].sort());
  });

  it.each(ENTRY_POINTS)(
    'declares %s as a top-level function that reaches the bundle',
    name => {
      expect(code).toMatch(new RegExp(`^function ${name}\\(\\) \\{$`, 'm'));
      const context = bareContext();
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('function');
      expect(vm.runInContext(`typeof DanVanApp.${name}`, context)).toBe(
        'function',
      );
    },
  );

  it('onOpen adds the Vietnamese menu through SpreadsheetApp.getUi()', () => {
    const items: string[][] = [];
    const menu = {
      addItem(caption: string, fn: string) {
        items.push([caption, fn]);
        return menu;
      },
      addSeparator() {
        return menu;
      },
      addToUi() {
        items.push(['<added>', '']);
      },
    };
    const context = bareContext({
      SpreadsheetApp: {getUi: () => ({createMenu: () => menu})},
    });
    vm.runInContext('onOpen()', context);
    const called = items.map(i => i[1]);
    for (const fn of ENTRY_POINTS.filter(n => !NOT_IN_MENU.includes(n))) {
      expect(called).toContain(fn);
    }
    expect(items[items.length - 1][0]).toBe('<added>');
  });
});
