// The plan import through dist/Code.js: preview writes nothing, apply replaces or rolls over, bad input is refused.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {injectFault} from '../../emulator/faults';
import {zipEntries} from '../../emulator/zip';
import {createVmContext, loadScript} from '../../emulator/vm';
import {DEFAULT_TASKS} from '../../src/plan/defaultPlan';
import {
  appendixTable,
  planDocument,
  SEED_HEADER,
} from '../../src/plan/samplePlanDocx';
import {packDocx, SAMPLE_PATH, samplePlanDocx} from '../../scripts/samplePlan';

const ADMIN = 'admin@example.com';
const STRANGER = 'donvi@example.com';
const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

interface Preview {
  ok: boolean;
  message: string;
  token: string;
  plan: {
    number: string;
    title: string;
    tasks: Array<{
      tt: string;
      text: string;
      lead: string;
      support: string;
      timelineText: string;
      product: string;
    }>;
    periods: Array<{id: string; due: string}>;
  } | null;
  units: {proposed: Array<{text: string}>};
  problems: string[];
  modes: {replace: {allowed: boolean}; next: {allowed: boolean}};
}

interface Applied {
  ok: boolean;
  message: string;
  tasks: number;
  assignments: number;
  periods: string[];
  archivedTabs: string[];
  addedUnits: string[];
}

function workspace(now = '2025-06-20T02:00:00Z'): Workspace {
  const w = new Workspace({owner: ADMIN, now: new Date(now)});
  loadScript(
    createVmContext(w, {console: {log() {}, info() {}, warn() {}, error() {}}}),
    code,
  );
  w.installGlobals();
  return w;
}

function upload(bytes: Buffer, name = 'ke-hoach.docx') {
  return {
    name,
    mimeType:
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    base64: bytes.toString('base64'),
  };
}

/** Every tab's values, to show that something wrote nothing. */
function snapshot(w: Workspace): Record<string, unknown[][]> {
  return w.uncounted(() =>
    w.run(ADMIN, () => {
      const out: Record<string, unknown[][]> = {};
      for (const s of SpreadsheetApp.getActive().getSheets())
        out[s.getName()] = s.getLastRow() ? s.getDataRange().getValues() : [];
      return out;
    }),
  );
}

function tab(w: Workspace, name: string): unknown[][] {
  return w.uncounted(() =>
    w.run(ADMIN, () => {
      const s = SpreadsheetApp.getActive().getSheetByName(name);
      return s && s.getLastRow() ? s.getDataRange().getValues() : [];
    }),
  );
}

function preview(w: Workspace, input: unknown, user = ADMIN): Preview {
  return w.callFunction(user, 'importPlanPreview', [input]) as Preview;
}

function apply(
  w: Workspace,
  token: string,
  mode: string,
  user = ADMIN,
): Applied {
  return w.callFunction(user, 'applyImportedPlan', [token, {mode}]) as Applied;
}

const SIX = (
  t: Preview['plan'] extends infer P
    ? P extends {tasks: Array<infer T>}
      ? T
      : never
    : never,
) => [t.tt, t.text, t.lead, t.support, t.timelineText, t.product];

describe('the shipped sample', () => {
  test('samples/ is the seed plan as the project writes it (regenerate with npx tsx scripts/samplePlan.ts)', () => {
    expect(readFileSync(SAMPLE_PATH).equals(samplePlanDocx())).toBe(true);
  });
});

describe('importPlanPreview', () => {
  test('reads the sample .docx through Utilities.unzip and writes nothing', () => {
    const w = workspace();
    w.callFunction(ADMIN, 'setupWorkbook');
    const before = snapshot(w);
    const p = preview(w, upload(readFileSync(SAMPLE_PATH)));
    expect(p.ok).toBe(true);
    expect(p.plan?.tasks.map(SIX)).toEqual(
      DEFAULT_TASKS.map(t => [
        t.tt,
        t.text,
        t.lead,
        t.support,
        t.timelineText,
        t.product,
      ]),
    );
    expect(p.plan?.number).toBe('16/KH-UBND');
    expect(p.plan?.periods.map(x => x.due)).toEqual([
      '2025-09-03',
      '2025-12-03',
    ]);
    // The default periods exist: new ones never reuse their ids.
    expect(p.plan?.periods.map(x => x.id)).toEqual(['KY3', 'KY4']);
    expect(p.modes).toEqual({
      replace: {allowed: true, reason: ''},
      next: {allowed: true, reason: ''},
    });
    expect(snapshot(w)).toEqual(before);
  });

  test('refuses what is not a plan, with a Vietnamese message and nothing written', () => {
    const w = workspace();
    w.callFunction(ADMIN, 'setupWorkbook');
    const before = snapshot(w);
    const zipOf = (name: string, content: string) =>
      zipEntries([{name, data: Buffer.from(content, 'utf8')}]);
    const sample = readFileSync(SAMPLE_PATH);
    const cases: Array<[unknown, RegExp]> = [
      [
        upload(Buffer.from('đây không phải tệp zip'), 'a.docx'),
        /không phải tệp Word \.docx/,
      ],
      [
        upload(sample.subarray(0, sample.length - 200)),
        /không phải tệp Word \.docx \(hoặc đã bị hỏng\)/,
      ],
      [
        upload(zipOf('xl/workbook.xml', '<x/>'), 'bang.xlsx'),
        /không có phần nội dung văn bản/,
      ],
      [
        upload(
          zipOf(
            'word/document.xml',
            '<w:document><w:body><w:p/></w:body></w:document>',
          ),
        ),
        /Không tìm thấy bảng phụ lục/,
      ],
      [
        upload(Buffer.alloc(20 * 1024 * 1024, 1), 'lon.docx'),
        /vượt giới hạn 10 MB/,
      ],
      [upload(Buffer.from('x'), 'cu.doc'), /Word cũ \(\.doc\)/],
      [
        {
          text: [
            'TT\tNhiệm vụ\tCơ quan chủ trì',
            ...Array.from(
              {length: 400},
              (_, i) => `${i + 1}\tViệc\tPhòng Kinh tế`,
            ),
          ].join('\n'),
        },
        /400 dòng/,
      ],
      [{}, /Chưa chọn tệp/],
      [null, /Chưa chọn tệp/],
      [{text: 'x'.repeat(600000)}, /vượt giới hạn/],
    ];
    for (const [input, message] of cases) {
      const p = preview(w, input);
      expect([p.ok, p.message]).toEqual([
        false,
        expect.stringMatching(message),
      ]);
      expect(p.token).toBe('');
    }
    expect(snapshot(w)).toEqual(before);
  });

  test('only an admin may preview or apply', () => {
    const w = workspace();
    w.callFunction(ADMIN, 'setupWorkbook');
    w.addEditor(STRANGER);
    const p = preview(w, upload(samplePlanDocx()), STRANGER);
    expect([p.ok, p.message]).toEqual([
      false,
      expect.stringMatching(/Chỉ cán bộ quản trị/),
    ]);
    const mine = preview(w, upload(samplePlanDocx()));
    const before = snapshot(w);
    const r = apply(w, mine.token, 'next', STRANGER);
    expect(r.ok).toBe(false);
    expect(snapshot(w)).toEqual(before);
  });
});

describe('applyImportedPlan', () => {
  test('replace: a fresh workbook gets the imported plan, its periods and settings', () => {
    const w = workspace();
    const p = preview(w, upload(samplePlanDocx()));
    expect(p.plan?.periods.map(x => x.id)).toEqual(['KY1', 'KY2']);
    expect(p.modes.next.allowed).toBe(false);
    const r = apply(w, p.token, 'replace');
    expect(r).toMatchObject({
      ok: true,
      tasks: 13,
      periods: ['KY1', 'KY2'],
      archivedTabs: [],
    });
    const tasks = tab(w, 'Nhiệm vụ');
    expect(tasks.slice(1).map(row => String(row[0]))).toEqual(
      DEFAULT_TASKS.map(t => t.tt),
    );
    const settings = tab(w, 'Cấu hình');
    const value = (key: string) => settings.find(row => row[0] === key)?.[2];
    expect(value('planNumber')).toBe('16/KH-UBND');
    expect(String(value('planTitle'))).toContain('6 tháng cuối năm 2025');
    // The token is spent.
    expect(apply(w, p.token, 'replace')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/hết hạn/),
    });
  });

  test('replace is refused once units have reported; nothing written', () => {
    const w = workspace('2025-08-01T02:00:00Z');
    w.callFunction(ADMIN, 'setupWorkbook');
    w.uncounted(() =>
      w.run(ADMIN, () => {
        const s = SpreadsheetApp.getActive().getSheetByName('Phân công')!;
        const head = s
          .getRange(1, 1, 1, s.getLastColumn())
          .getValues()[0]
          .map(String);
        s.getRange(2, head.indexOf('Kết quả thực hiện') + 1).setValue('Đã làm');
      }),
    );
    const p = preview(w, upload(samplePlanDocx()));
    expect(p.modes.replace.allowed).toBe(false);
    const before = snapshot(w);
    const r = apply(w, p.token, 'replace');
    expect([r.ok, r.message]).toEqual([
      false,
      expect.stringMatching(/đã có dữ liệu/),
    ]);
    expect(snapshot(w)).toEqual(before);
  });

  test('next: the old tabs are archived as they were, new units are added, ids go on', () => {
    const w = workspace('2025-12-20T02:00:00Z');
    w.callFunction(ADMIN, 'setupWorkbook');
    const oldTasks = tab(w, 'Nhiệm vụ');
    const oldAssignments = tab(w, 'Phân công');
    const header = {
      ...SEED_HEADER,
      number: 'Số: 05/KH-UBND',
      placeDate: 'Đại Sơn, ngày 10 tháng 01 năm 2026',
      title: [
        'Triển khai thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2026',
        'trên địa bàn xã Đại Sơn',
      ],
      body: [
        'Các đơn vị báo cáo kết quả lần 1 trước ngày 03/3/2026 và lần 2 trước ngày 03/6/2026./.',
      ],
    };
    const tasks = [
      {
        ...DEFAULT_TASKS[0],
        timelineText: 'Thường xuyên, theo yêu cầu nhiệm vụ',
      },
      {
        ...DEFAULT_TASKS[1],
        tt: '2',
        lead: 'Phòng Nông nghiệp và Môi trường',
        timelineText: 'Quý I/2026',
      },
    ];
    const p = preview(
      w,
      upload(packDocx(planDocument(header, appendixTable(tasks)))),
    );
    expect(p.ok).toBe(true);
    expect(p.units.proposed.map(u => u.text)).toEqual([
      'Phòng Nông nghiệp và Môi trường',
    ]);
    const r = apply(w, p.token, 'next');
    expect(r).toMatchObject({ok: true, tasks: 2, periods: ['KY3', 'KY4']});
    expect(r.archivedTabs).toEqual(
      expect.arrayContaining([
        'Lưu cuối 2025 - Nhiệm vụ',
        'Lưu cuối 2025 - Phân công',
        'Lưu cuối 2025 - Kỳ báo cáo',
        'Lưu cuối 2025 - Nhật ký',
      ]),
    );
    expect(tab(w, 'Lưu cuối 2025 - Nhiệm vụ')).toEqual(oldTasks);
    expect(tab(w, 'Lưu cuối 2025 - Phân công')).toEqual(oldAssignments);
    expect(
      tab(w, 'Nhiệm vụ')
        .slice(1)
        .map(row => String(row[0])),
    ).toEqual(['1', '2']);
    const units = tab(w, 'Đơn vị');
    expect(
      units.some(row => row[1] === 'Phòng Nông nghiệp và Môi trường'),
    ).toBe(true);
    expect(
      tab(w, 'Kỳ báo cáo')
        .slice(1)
        .map(row => row[0]),
    ).toEqual(['KY3', 'KY4']);
    expect(r.addedUnits).toEqual(['Phòng Nông nghiệp và Môi trường (PNNMT)']);
  });

  test('a failure half-way puts the workbook back as it was', () => {
    const w = workspace('2025-12-20T02:00:00Z');
    w.callFunction(ADMIN, 'setupWorkbook');
    const p = preview(w, upload(samplePlanDocx()));
    const before = snapshot(w);
    const fault = injectFault(w, 'Range.setValues', {after: 3});
    const r = apply(w, p.token, 'next');
    fault.restore();
    expect(fault.thrown).toBe(1);
    expect([r.ok, r.message]).toEqual([
      false,
      expect.stringMatching(/giữ nguyên/),
    ]);
    expect(snapshot(w)).toEqual(before);
  });
});
