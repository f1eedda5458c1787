// Commune and city script projects on one emulated Drive, for the city roll-up's bundle tests and the preview's city demo.
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';
import {COMMUNES, ensureTab} from '../../src/workbook/cityTabs';
import {writeTable} from '../../src/workbook/table';
import {writePlanState} from '../app/summaryWorkbook';
import type {ky1Input} from '../core/summaryFixture';

const OFFSET = 420;

/** A commune's own project: its admin, its workbook's name and link. */
export interface Commune {
  ws: Workspace;
  admin: string;
  name: string;
  url: string;
}

export interface CommuneOptions {
  /** Seeds the workspace's ids, and names the admin: admin@<seed>.gov.vn. */
  seed: string;
  name: string;
  /** A plan state written over the seed plan after set-up (null: the seed plan as set up). */
  state: ReturnType<typeof ky1Input> | null;
  /** The city's account the workbook is shared with as a viewer; null: not shared. */
  shareWith: string | null;
  /** The commune's emulated now when it is set up (ISO). */
  now: string;
  /** Other settings merged into Cấu hình. */
  settings?: Record<string, string>;
}

/** A commune's project running dist/Code.js: set up, given a plan state, optionally shared with the city. */
export function communeWorkbook(code: string, o: CommuneOptions): Commune {
  const admin = `admin@${o.seed}.gov.vn`;
  const ws = new Workspace({
    owner: admin,
    seed: o.seed,
    now: o.now,
    spreadsheetName: `Dân vận ${o.name}`,
  });
  loadScript(createVmContext(ws), code);
  ws.callFunction(admin, 'setupWorkbook');
  const settings = {
    commune: o.name,
    issuer: `UBND xã ${o.name}`,
    ...(o.settings ?? {}),
  };
  const state = o.state;
  ws.uncounted(() =>
    writePlanState(
      ws.activeSpreadsheet(),
      state
        ? {
            settings,
            tasks: state.tasks.map(t => ({
              ...t,
              dueOverride: t.dueOverride ?? null,
            })),
            periods: state.periods,
            assignments: state.assignments,
            villageReports: state.villageReports,
          }
        : {settings},
    ),
  );
  if (o.shareWith) ws.addViewer(o.shareWith);
  const url = ws.uncounted(() => ws.activeSpreadsheet().getUrl());
  return {ws, admin, name: o.name, url};
}

export interface CityOptions {
  owner: string;
  seed?: string;
  now: string;
  name?: string;
  /** Settings merged into Cấu hình besides "Chế độ: cấp thành phố" (issuer, leaderEmails…). */
  settings?: Record<string, string>;
}

/**
 * The city's project: set up, in city mode, its "Xã, phường" tab listing `rows` (name, workbook
 * link, contact e-mail), on a Drive where the `communes`' spreadsheets exist.
 */
export function cityWorkbook(
  code: string,
  communes: Commune[],
  rows: Commune[],
  o: CityOptions,
): Workspace {
  const ws = new Workspace({
    owner: o.owner,
    seed: o.seed ?? 'city',
    now: o.now,
    spreadsheetName: o.name ?? 'Dân vận - Sở Nội vụ Hải Phòng',
  });
  loadScript(createVmContext(ws), code);
  ws.callFunction(o.owner, 'setupWorkbook');
  for (const c of communes) ws.seeSpreadsheetsOf(c.ws);
  ws.uncounted(() => {
    const ss = ws.activeSpreadsheet();
    writePlanState(ss, {
      settings: {mode: 'cấp thành phố', ...(o.settings ?? {})},
    });
    writeTable(
      ensureTab(ss, COMMUNES, OFFSET),
      COMMUNES,
      rows.map(c => ({name: c.name, link: c.url, email: c.admin})),
      OFFSET,
    );
  });
  return ws;
}
