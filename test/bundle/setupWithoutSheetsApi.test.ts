// setupWorkbook through dist/Code.js with and without the Sheets advanced service in the manifest: the same workbook either way.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {PROJECT_MANIFEST, createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'admin@example.com';
const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

/** What the first run leaves, read from the model: every tab's cells (values, formats, notes, rules). */
function setUp(manifest: string) {
  const ws = new Workspace({
    owner: ADMIN,
    now: new Date('2025-08-27T01:00:00Z'),
  });
  loadScript(createVmContext(ws, {manifest}), code);
  ws.callFunction(ADMIN, 'setupWorkbook');
  const calls = ws.calls.snapshot();
  const tabs = ws.boundSpreadsheet.sheets.map(s => ({
    name: s.name,
    size: [s.maxRows, s.maxCols],
    frozen: s.frozenRows,
    tabColor: s.tabColor,
    widths: [...s.colWidths.entries()].sort((a, b) => a[0] - b[0]),
    // Plain data (key order does not matter to toEqual); a default font weight reads as none set.
    cells: JSON.parse(
      JSON.stringify(s.rows, (k, v) =>
        k === 'fontWeight' && v === 'normal' ? undefined : v,
      ),
    ) as unknown[][],
    rules: s.conditionalRules.length,
  }));
  return {calls, tabs};
}

test('without Sheets in enabledAdvancedServices, set-up falls back to SpreadsheetApp and builds the same workbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  try {
    const manifest = JSON.parse(readFileSync(PROJECT_MANIFEST, 'utf8'));
    manifest.dependencies.enabledAdvancedServices =
      manifest.dependencies.enabledAdvancedServices.filter(
        (s: {userSymbol: string}) => s.userSymbol !== 'Sheets',
      );
    const path = join(dir, 'appsscript.json');
    writeFileSync(path, JSON.stringify(manifest));
    const api = setUp(PROJECT_MANIFEST);
    const plain = setUp(path);
    expect(api.calls['Sheets.Spreadsheets.batchUpdate']).toBe(2);
    expect(plain.calls['Sheets.Spreadsheets.batchUpdate'] ?? 0).toBe(0);
    expect(plain.calls['Range.setDataValidations']).toBeGreaterThan(0);
    expect(api.tabs.map(t => t.name)).toEqual(plain.tabs.map(t => t.name));
    for (let i = 0; i < plain.tabs.length; i++) {
      const {cells: apiCells, ...apiTab} = api.tabs[i];
      const {cells: plainCells, ...plainTab} = plain.tabs[i];
      expect(apiTab).toEqual(plainTab);
      expect(apiCells.length).toBe(plainCells.length);
      // Row by row, so a difference names its tab and row.
      plainCells.forEach((row, r) =>
        expect([plainTab.name, r + 1, apiCells[r]]).toEqual([
          plainTab.name,
          r + 1,
          row,
        ]),
      );
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
