// The preview's city demo: three sample communes at different stages and a city workbook rolling them up, their clocks run in step.
import type {Workspace} from '../../emulator';
import {fromWallClock, wallClock} from '../../emulator/tz';
import {ky1Input} from '../../test/core/summaryFixture';
import {
  cityWorkbook,
  communeWorkbook,
  type Commune,
} from '../../test/support/cityWorkbooks';

export const CITY_ACCOUNT = 'sonoivu@haiphong.gov.vn';
export const CITY_LEADER = 'lanhdao@haiphong.gov.vn';
const TZ = 'Asia/Ho_Chi_Minh';
/** The demo starts on this morning (kỳ 1 is due on 03/09/2025) … */
const START = '2025-09-01T01:00:00Z';
/** … and its first run stops after this day. */
const FIRST_DAY_SHOWN = '2025-09-05';
/** The city's daily job runs after the communes' (07:00) and the late commune's build (08:00). */
const CITY_HOUR = 9;

export interface DemoCommune extends Commune {
  /** What kind of commune it is, in Vietnamese. */
  role: string;
  shared: boolean;
  /** Its daily job is on (it builds its summary itself, a day before the due date). */
  automatic: boolean;
  /** The day its admin builds the summary by hand (late), yyyy-mm-dd. */
  buildsOn?: string;
}

export interface CityDemo {
  communes: DemoCommune[];
  city: Workspace;
  /** The last day run, yyyy-mm-dd. */
  day: string;
}

const p2 = (n: number) => String(n).padStart(2, '0');

function isoDay(ms: number): string {
  const w = wallClock(ms, TZ);
  return `${w.year}-${p2(w.month)}-${p2(w.day)}`;
}

function atHour(day: string, hour: number, minute = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return fromWallClock(TZ, y, m, d, hour, minute);
}

function nextDay(day: string): string {
  return isoDay(atHour(day, 12) + 86400000);
}

/** Moves a workspace's clock to `ms`, firing its clock triggers due on the way, in order. */
function runClock(ws: Workspace, ms: number): void {
  if (ms > ws.nowMs()) ws.advance(ms - ws.nowMs(), {runTriggers: true});
}

/**
 * Builds the demo from the bundle: Đại Sơn (well along: kỳ 1 updates, its daily job builds the
 * summary on time), Tân An (late: nobody updated, its admin builds the summary by hand on 05/09)
 * and An Lão (well along, but its workbook is not shared with the city), and the city's workbook
 * ("Chế độ: cấp thành phố", "Xã, phường" listing the three, its daily job at 09:00); then runs every
 * clock in step to 05/09/2025.
 */
export function createCityDemo(code: string): CityDemo {
  const make = (
    seed: string,
    name: string,
    role: string,
    o: {
      shared: boolean;
      progress: boolean;
      automatic: boolean;
      buildsOn?: string;
    },
  ): DemoCommune => {
    const c = communeWorkbook(code, {
      seed,
      name,
      state: o.progress ? ky1Input() : null,
      shareWith: o.shared ? CITY_ACCOUNT : null,
      now: START,
    });
    if (o.automatic)
      c.ws.callFunction(c.admin, 'installTriggers', [], {ui: false});
    return {
      ...c,
      role,
      shared: o.shared,
      automatic: o.automatic,
      buildsOn: o.buildsOn,
    };
  };
  const communes = [
    make(
      'daison',
      'Đại Sơn',
      'Làm tốt: các đơn vị đã cập nhật kỳ 1, tổng hợp tự động trước hạn',
      {
        shared: true,
        progress: true,
        automatic: true,
      },
    ),
    make(
      'tanan',
      'Tân An',
      'Chậm: chưa đơn vị nào cập nhật, quản trị viên lập tổng hợp muộn (05/09)',
      {
        shared: true,
        progress: false,
        automatic: false,
        buildsOn: '2025-09-05',
      },
    ),
    make('anlao', 'An Lão', 'Chưa chia sẻ bảng tính với Sở Nội vụ', {
      shared: false,
      progress: true,
      automatic: true,
    }),
  ];
  const city = cityWorkbook(code, communes, communes, {
    owner: CITY_ACCOUNT,
    seed: 'city-demo',
    now: START,
    name: 'Dân vận - Sở Nội vụ thành phố Hải Phòng (bản thử)',
    settings: {
      issuer: 'Sở Nội vụ thành phố Hải Phòng',
      leaderEmails: CITY_LEADER,
      dailyHour: String(CITY_HOUR),
    },
  });
  city.callFunction(CITY_ACCOUNT, 'installTriggers', [], {ui: false});
  const demo: CityDemo = {communes, city, day: isoDay(Date.parse(START))};
  while (demo.day < FIRST_DAY_SHOWN) stepCityDemo(demo);
  return demo;
}

/**
 * One more day for every workbook, in step: the communes' daily jobs (07:00), a late commune's
 * hand-made summary (08:00) on its day, then the city's daily job (09:00), which reads them.
 */
export function stepCityDemo(demo: CityDemo): void {
  const day = nextDay(demo.day);
  for (const c of demo.communes) {
    runClock(c.ws, atHour(day, 8));
    if (c.buildsOn === day)
      c.ws.callFunction(c.admin, 'buildSummary', ['KY1'], {ui: false});
    runClock(c.ws, atHour(day, 8, 30));
  }
  runClock(demo.city, atHour(day, CITY_HOUR, 30));
  demo.day = day;
}

/** The city's roll-up tab of the period it works on now, if built. */
export function rollupSheetName(demo: CityDemo): string | null {
  const names = demo.city.boundSpreadsheet.sheets
    .map(s => s.name)
    .filter(n => n.startsWith('Tổng hợp toàn thành phố '));
  return names.sort().pop() ?? null;
}
