// The built dist/Code.js as Apps Script loads it: a classic script in a bare V8 context, no Node globals.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import * as vm from 'node:vm';

const DIST = join(__dirname, '../../dist');
const code = readFileSync(join(DIST, 'Code.js'), 'utf8');

/** The public surface of DESIGN.md §3, plus the helpers the menu calls. */
const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'setupWorkbook',
  'showSidebar',
  'createVillageForms',
  'installTriggers',
  'removeTriggers',
  'dailyJob',
  'onVillageFormSubmit',
  'buildSummary',
  'exportSummary',
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
    for (const fn of ENTRY_POINTS.filter(
      n =>
        !['onOpen', 'onInstall', 'dailyJob', 'onVillageFormSubmit'].includes(n),
    )) {
      expect(called).toContain(fn);
    }
    expect(items[items.length - 1][0]).toBe('<added>');
  });
});
