// Every method (and enum property) the emulator offers exists in @types/google-apps-script.
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {API_CLASSES} from '../../emulator/runtime';
import {Workspace} from '../../emulator';

const TYPES_DIR = join(
  __dirname,
  '../../node_modules/@types/google-apps-script',
);
const EMULATOR_DIR = join(__dirname, '../../emulator');

/** Every .d.ts file of @types/google-apps-script, advanced services (apis/) included. */
function typeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return typeFiles(p);
    return f.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * "Namespace.Interface" (nested namespaces joined with dots, without GoogleAppsScript) → member
 * names (methods and properties), with `extends` resolved.
 */
function parseTypes(): Map<string, Set<string>> {
  const raw = new Map<string, {members: Set<string>; parents: string[]}>();
  for (const file of typeFiles(TYPES_DIR)) {
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const stack: Array<{kind: 'ns' | 'iface' | 'other'; name: string}> = [];
    for (const line of text.split('\n')) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'iface') {
        const m = /^\s*(?:readonly\s+)?(\w+)\??\s*(?:\(|<|:)/.exec(line);
        if (m) raw.get(top.name)?.members.add(m[1]);
      }
      const ns = /^\s*(?:declare\s+)?namespace ([\w.]+)\s*\{/.exec(line);
      const iface =
        /^\s*(?:export\s+)?interface (\w+)(?:<[^>]*>)?(?:\s+extends\s+([^{]+))?\s*\{/.exec(
          line,
        );
      let pushed = false;
      for (const ch of line) {
        if (ch === '{') {
          if (!pushed && ns) stack.push({kind: 'ns', name: ns[1]});
          else if (!pushed && iface) {
            const path = stack
              .filter(x => x.kind === 'ns')
              .map(x => x.name)
              .filter(n => n !== 'GoogleAppsScript');
            const key = [...path, iface[1]].join('.');
            const entry = raw.get(key) ?? {
              members: new Set<string>(),
              parents: [],
            };
            raw.set(key, entry);
            for (const p of (iface[2] ?? '')
              .split(',')
              .map(x => x.replace(/<.*$/, '').trim())
              .filter(Boolean)) {
              entry.parents.push(p.includes('.') ? p : [...path, p].join('.'));
            }
            stack.push({kind: 'iface', name: key});
          } else stack.push({kind: 'other', name: ''});
          pushed = true;
        } else if (ch === '}') stack.pop();
      }
    }
  }
  const resolved = new Map<string, Set<string>>();
  const resolve = (key: string, seen = new Set<string>()): Set<string> => {
    const done = resolved.get(key);
    if (done) return done;
    const entry = raw.get(key);
    const out = new Set<string>(entry?.members ?? []);
    for (const p of entry?.parents ?? []) {
      const parentKey = raw.has(p)
        ? p
        : ([...raw.keys()].find(k => k.endsWith(`.${p.split('.').pop()}`)) ??
          p);
      if (!seen.has(parentKey))
        for (const x of resolve(parentKey, new Set([...seen, key]))) out.add(x);
    }
    resolved.set(key, out);
    return out;
  };
  for (const key of raw.keys()) resolve(key);
  return resolved;
}

function interfaceFor(types: Map<string, Set<string>>, name: string): string {
  if (types.has(name)) return name;
  const matches = [...types.keys()].filter(k => k.endsWith(`.${name}`));
  if (matches.length === 1) return matches[0];
  const last = name.split('.').pop() as string;
  const near = [...types.keys()]
    .filter(k => k.split('.').pop()?.startsWith(last))
    .slice(0, 8);
  throw new Error(
    `@types interface ${name} is ${matches.length ? 'ambiguous: ' + matches.join(', ') : 'unknown'}` +
      (near.length
        ? ` (pass instrument's third argument, e.g. one of: ${near.join(', ')})`
        : ''),
  );
}

/** Loads every emulator module so each registers its classes. */
function loadAll(dir: string): void {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) loadAll(p);
    else if (f.endsWith('.ts') && !f.endsWith('.d.ts')) require(p);
  }
}

/**
 * Real Apps Script methods that @types/google-apps-script 2.0.13 does not declare yet (forms made by
 * API calls after mid-2026 start unpublished; `setPublished(true)` publishes them).
 */
const MISSING_FROM_TYPES: Record<string, string[]> = {
  'Forms.Form': ['setPublished', 'isPublished'],
};

function offeredMethods(cls: {prototype: object}): string[] {
  const names = new Set<string>();
  for (
    let p: object | null = cls.prototype;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p)
  ) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (k === 'constructor' || k.startsWith('_')) continue;
      names.add(k);
    }
  }
  return [...names];
}

const types = parseTypes();
loadAll(EMULATOR_DIR);

test('the parser sees the @types interfaces', () => {
  expect(types.get('Spreadsheet.Range')?.has('getValues')).toBe(true);
  expect(types.get('Base.Blob')?.has('getBlob')).toBe(true); // inherited from BlobSource
  expect(types.get('Spreadsheet.SpreadsheetApp')?.has('ProtectionType')).toBe(
    true,
  );
  expect(API_CLASSES.length).toBeGreaterThan(30);
  // A misspelt method is caught.
  class Fake {
    getValues(): void {}
    getValuez(): void {}
  }
  const allowed = types.get('Spreadsheet.Range') as Set<string>;
  expect(offeredMethods(Fake).filter(m => !allowed.has(m))).toEqual([
    'getValuez',
  ]);
});

describe.each(API_CLASSES.map(c => [c.cls.name, c] as const))(
  '%s',
  (_name, {cls, gasInterface}) => {
    test(`offers only methods of ${gasInterface}`, () => {
      const key = interfaceFor(types, gasInterface);
      const allowed = types.get(key) as Set<string>;
      const unknown = offeredMethods(cls).filter(
        m => !allowed.has(m) && !(MISSING_FROM_TYPES[key] ?? []).includes(m),
      );
      expect(unknown).toEqual([]);
    });
  },
);

test('service objects carry only @types properties (enums) besides methods', () => {
  const ws = new Workspace();
  for (const [name, service] of Object.entries(ws.globals())) {
    const entry = API_CLASSES.find(
      c => service instanceof (c.cls as unknown as new () => object),
    );
    if (!entry) continue;
    const allowed = types.get(
      interfaceFor(types, entry.gasInterface),
    ) as Set<string>;
    const extra = Object.keys(service as object).filter(
      k => !k.startsWith('_') && !allowed.has(k),
    );
    expect({name, extra}).toEqual({name, extra: []});
  }
});
