// FormApp in the emulator: forms and items, the response sheet, prefilled links, submissions and form-submit triggers.
import {FormSubmitError, Workspace} from '../../emulator';

const ADMIN = 'quantri@example.com';
type Form = GoogleAppsScript.Forms.Form;

function workspace(): Workspace {
  return new Workspace({owner: ADMIN, now: '2025-08-27T01:00:00Z'});
}

function formApp(ws: Workspace): GoogleAppsScript.Forms.FormApp {
  return ws.globals().FormApp as GoogleAppsScript.Forms.FormApp;
}

/** A small published form linked to the bound spreadsheet: village list, name, number, paragraph. */
function sampleForm(ws: Workspace): {form: Form; id: string} {
  const app = formApp(ws);
  return ws.run(ADMIN, () => {
    const form = app.create('Báo cáo thôn');
    form
      .addListItem()
      .setTitle('Thôn')
      .setChoiceValues(['Thôn 1', 'Thôn 2'])
      .setRequired(true);
    form.addTextItem().setTitle('Họ và tên').setRequired(true);
    form
      .addTextItem()
      .setTitle('Số buổi')
      .setValidation(
        app
          .createTextValidation()
          .requireWholeNumber()
          .setHelpText('Nhập một số')
          .build(),
      );
    form.addPageBreakItem().setTitle('Phần 2');
    form.addParagraphTextItem().setTitle('Khó khăn');
    form.addDateItem().setTitle('Ngày');
    form.setDestination(
      app.DestinationType.SPREADSHEET,
      SpreadsheetApp.getActive().getId(),
    );
    (form as Form & {setPublished(p: boolean): Form}).setPublished(true);
    return {form, id: form.getId()};
  });
}

describe('emulated FormApp: forms and items', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = workspace();
    ws.installGlobals();
  });
  afterEach(() => ws.uninstallGlobals());

  it('creates a form owned by the user, with Google-shaped URLs, unpublished until asked', () => {
    const app = formApp(ws);
    ws.run(ADMIN, () => {
      const form = app.create('Biểu mẫu');
      expect(form.getTitle()).toBe('Biểu mẫu');
      expect(form.getEditUrl()).toBe(
        `https://docs.google.com/forms/d/${form.getId()}/edit`,
      );
      expect(form.getPublishedUrl()).toMatch(
        /^https:\/\/docs\.google\.com\/forms\/d\/e\/1FAIpQL[\w-]+\/viewform$/,
      );
      const f = form as Form & {
        isPublished(): boolean;
        setPublished(p: boolean): Form;
      };
      expect(f.isPublished()).toBe(false);
      f.setPublished(true);
      expect(f.isPublished()).toBe(true);
      expect(form.isAcceptingResponses()).toBe(true);
      expect(app.openById(form.getId()).getTitle()).toBe('Biểu mẫu');
      expect(app.openByUrl(form.getEditUrl()).getId()).toBe(form.getId());
      expect(app.openByUrl(form.getPublishedUrl()).getId()).toBe(form.getId());
    });
  });

  it('refuses other users the form, as Google does', () => {
    const {id} = sampleForm(ws);
    expect(() =>
      ws.run('la@example.com', () => formApp(ws).openById(id)),
    ).toThrow(/No item with the given ID/);
    expect(() => ws.run(ADMIN, () => formApp(ws).openById('nope'))).toThrow(
      /No item with the given ID/,
    );
  });

  it('keeps items in order with types, ids, casts, moves and deletes', () => {
    const {form} = sampleForm(ws);
    ws.run(ADMIN, () => {
      const items = form.getItems();
      expect(items.map(i => String(i.getType()))).toEqual([
        'LIST',
        'TEXT',
        'TEXT',
        'PAGE_BREAK',
        'PARAGRAPH_TEXT',
        'DATE',
      ]);
      expect(items.map(i => i.getIndex())).toEqual([0, 1, 2, 3, 4, 5]);
      expect(
        form.getItems(FormApp.ItemType.TEXT).map(i => i.getTitle()),
      ).toEqual(['Họ và tên', 'Số buổi']);
      const list = items[0].asListItem();
      expect(list.getChoices().map(c => c.getValue())).toEqual([
        'Thôn 1',
        'Thôn 2',
      ]);
      expect(list.isRequired()).toBe(true);
      expect(() => items[1].asListItem()).toThrow(/cannot be cast/);
      expect(form.getItemById(items[4].getId())?.getTitle()).toBe('Khó khăn');
      form.moveItem(items[4], 0);
      expect(form.getItems()[0].getTitle()).toBe('Khó khăn');
      form.deleteItem(0);
      expect(form.getItems().map(i => i.getTitle())).toEqual([
        'Thôn',
        'Họ và tên',
        'Số buổi',
        'Phần 2',
        'Ngày',
      ]);
      expect(() => items[4].getTitle()).toThrow(/deleted/);
    });
  });

  it('counts calls per class and method', () => {
    ws.calls.reset();
    sampleForm(ws);
    expect(ws.calls.get('FormApp.create')).toBe(1);
    expect(ws.calls.get('Form.addTextItem')).toBe(2);
    expect(ws.calls.get('ListItem.setChoiceValues')).toBe(1);
    expect(ws.calls.get('Form.setDestination')).toBe(1);
  });
});

describe('the response sheet', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = workspace();
    ws.installGlobals();
  });
  afterEach(() => ws.uninstallGlobals());

  it('setDestination adds "Câu trả lời biểu mẫu 1" first, with the header, and links it', () => {
    const {form, id} = sampleForm(ws);
    const sheets = ws.boundSpreadsheet.sheets.map(s => s.name);
    expect(sheets[0]).toBe('Câu trả lời biểu mẫu 1');
    expect(ws.sheetValues('Câu trả lời biểu mẫu 1')[0]).toEqual([
      'Dấu thời gian',
      'Thôn',
      'Họ và tên',
      'Số buổi',
      'Khó khăn',
      'Ngày',
    ]);
    ws.run(ADMIN, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName(
        'Câu trả lời biểu mẫu 1',
      ) as GoogleAppsScript.Spreadsheet.Sheet;
      // Google gives the responder ("/forms/d/e/…") address: the form's id comes from FormApp.
      expect(sheet.getFormUrl()).toMatch(/\/forms\/d\/e\/[\w-]+\/viewform$/);
      expect(sheet.getFormUrl()).not.toContain(id);
      expect(FormApp.openByUrl(sheet.getFormUrl()!).getId()).toBe(id);
      expect(form.getDestinationId()).toBe(SpreadsheetApp.getActive().getId());
      expect(
        SpreadsheetApp.getActive().getSheetByName('Sheet1')?.getFormUrl(),
      ).toBeNull();
    });
  });

  it('a second form gets "… 2"; English users get "Form Responses 1"', () => {
    sampleForm(ws);
    sampleForm(ws);
    expect(ws.boundSpreadsheet.sheets.map(s => s.name).slice(0, 2)).toEqual([
      'Câu trả lời biểu mẫu 2',
      'Câu trả lời biểu mẫu 1',
    ]);
    const en = new Workspace({owner: ADMIN, userLocale: 'en'});
    en.installGlobals();
    try {
      sampleForm(en);
      expect(en.boundSpreadsheet.sheets[0].name).toBe('Form Responses 1');
      expect(en.sheetValues('Form Responses 1')[0][0]).toBe('Timestamp');
    } finally {
      en.uninstallGlobals();
    }
  });

  it('a form without destination says so; removeDestination unlinks the sheet', () => {
    ws.run(ADMIN, () => {
      const form = formApp(ws).create('x');
      expect(() => form.getDestinationId()).toThrow(
        'The form currently has no response destination.',
      );
    });
    const {form} = sampleForm(ws);
    ws.run(ADMIN, () => {
      form.removeDestination();
      const sheet = SpreadsheetApp.getActive().getSheetByName(
        'Câu trả lời biểu mẫu 1',
      ) as GoogleAppsScript.Spreadsheet.Sheet;
      expect(sheet.getFormUrl()).toBeNull();
    });
  });
});

describe('prefilled links', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = workspace();
    ws.installGlobals();
  });
  afterEach(() => ws.uninstallGlobals());

  it('uses Google’s format with entry ids that are not the item ids', () => {
    const {form, id} = sampleForm(ws);
    const url = ws.run(ADMIN, () => {
      const list = form.getItems()[0].asListItem();
      return form
        .createResponse()
        .withItemResponse(list.createResponse('Thôn 2'))
        .toPrefilledUrl();
    });
    const item = ws.forms.get(id)!.items[0];
    expect(item.entryId).not.toBe(item.id);
    expect(url).toBe(
      `${ws.forms.publishedUrl(id)}?usp=pp_url&entry.${item.entryId}=Th%C3%B4n+2`,
    );
    expect(ws.forms.prefilledAnswers(url)).toEqual({
      [`entry.${item.entryId}`]: ['Thôn 2'],
    });
  });

  it('createResponse refuses a value that is not a choice, and dates become yyyy-MM-dd', () => {
    const {form} = sampleForm(ws);
    ws.run(ADMIN, () => {
      const list = form.getItems()[0].asListItem();
      expect(() => list.createResponse('Thôn 9')).toThrow(/Invalid response/);
      const date = form.getItems()[5].asDateItem();
      const r = date.createResponse(new Date('2025-09-15T03:00:00Z'));
      expect(r.getResponse()).toBe('2025-09-15');
    });
  });
});

describe('submitting', () => {
  let ws: Workspace;
  const events: Record<string, unknown>[] = [];
  beforeEach(() => {
    ws = workspace();
    ws.installGlobals();
    events.length = 0;
    ws.setFunctions({
      onSheetSubmit: (e: Record<string, unknown>) =>
        events.push({kind: 'sheet', ...e}),
      onFormSubmit: (e: Record<string, unknown>) =>
        events.push({kind: 'form', ...e}),
    });
  });
  afterEach(() => ws.uninstallGlobals());

  const answers = {
    Thôn: 'Thôn 1',
    'Họ và tên': 'Nguyễn Văn A',
    'Số buổi': '3',
    'Khó khăn': '=1+1',
    Ngày: '2025-09-15',
  };

  it('appends a row (timestamp first) and fires the spreadsheet trigger with e.range, e.values, e.namedValues', () => {
    const {id} = sampleForm(ws);
    ws.run(ADMIN, () =>
      ScriptApp.newTrigger('onSheetSubmit')
        .forSpreadsheet(SpreadsheetApp.getActive())
        .onFormSubmit()
        .create(),
    );
    const result = ws.submitForm(id, answers, '2025-08-28T02:30:00Z');
    expect(result).toMatchObject({sheetName: 'Câu trả lời biểu mẫu 1', row: 2});
    expect(result.runs.map(r => r.ok)).toEqual([true]);
    const row = ws.sheetValues('Câu trả lời biểu mẫu 1')[1];
    expect(Object.prototype.toString.call(row[0])).toBe('[object Date]');
    expect((row[0] as Date).toISOString()).toBe('2025-08-28T02:30:00.000Z');
    expect(row.slice(1, 5)).toEqual(['Thôn 1', 'Nguyễn Văn A', 3, '=1+1']);
    expect(Object.prototype.toString.call(row[5])).toBe('[object Date]');
    expect(events).toHaveLength(1);
    const e = events[0] as {
      range: GoogleAppsScript.Spreadsheet.Range;
      values: string[];
      namedValues: Record<string, string[]>;
      triggerUid: string;
    };
    expect(e.values.slice(1)).toEqual([
      'Thôn 1',
      'Nguyễn Văn A',
      '3',
      '=1+1',
      '9/15/2025', // a date answer shows by the sheet's locale (en_US: month/day/year)
    ]);
    expect(e.namedValues['Ngày']).toEqual(['9/15/2025']);
    expect(e.values[0]).toBe('8/28/2025 9:30:00');
    expect(e.namedValues['Họ và tên']).toEqual(['Nguyễn Văn A']);
    expect(e.namedValues['Dấu thời gian']).toEqual(['8/28/2025 9:30:00']);
    expect(e.triggerUid).toBe(ws.triggers[0].id);
    ws.run(ADMIN, () => {
      expect(e.range.getRow()).toBe(2);
      expect(e.range.getNumColumns()).toBe(6);
      expect(FormApp.openByUrl(e.range.getSheet().getFormUrl()!).getId()).toBe(
        id,
      );
    });
  });

  it('fires form-level triggers with e.response and e.source', () => {
    const {id} = sampleForm(ws);
    ws.run(ADMIN, () =>
      ScriptApp.newTrigger('onFormSubmit').forForm(id).onFormSubmit().create(),
    );
    ws.submitForm(id, answers);
    expect(events).toHaveLength(1);
    const e = events[0] as {
      response: GoogleAppsScript.Forms.FormResponse;
      source: Form;
    };
    ws.run(ADMIN, () => {
      expect(e.source.getId()).toBe(id);
      const items = e.response.getItemResponses();
      expect(items.map(r => [r.getItem().getTitle(), r.getResponse()])).toEqual(
        [
          ['Thôn', 'Thôn 1'],
          ['Họ và tên', 'Nguyễn Văn A'],
          ['Số buổi', '3'],
          ['Khó khăn', '=1+1'],
          ['Ngày', '2025-09-15'],
        ],
      );
      expect(e.response.getTimestamp().toISOString()).toBe(
        '2025-08-27T01:00:00.000Z',
      );
    });
  });

  it('checks answers as the respondent page does, unless told not to', () => {
    const {id} = sampleForm(ws);
    const bad = () => ws.submitForm(id, {Thôn: 'Thôn 9', 'Số buổi': 'ba'});
    expect(bad).toThrow(FormSubmitError);
    try {
      bad();
    } catch (err) {
      expect((err as FormSubmitError).problems.map(p => p.title)).toEqual([
        'Thôn',
        'Họ và tên',
        'Số buổi',
      ]);
      expect((err as FormSubmitError).problems[2].message).toBe('Nhập một số');
    }
    expect(() => ws.submitForm(id, {'Không có': 'x'})).toThrow(
      /Không có câu hỏi/,
    );
    const r = ws.submitForm(id, {Thôn: 'Thôn 9'}, undefined, {validate: false});
    expect(r.row).toBe(2);
    expect(ws.forms.get(id)!.responses).toHaveLength(1);
  });

  it('an unpublished or closed form takes no answers', () => {
    const {form, id} = sampleForm(ws);
    ws.run(ADMIN, () =>
      form
        .setAcceptingResponses(false)
        .setCustomClosedFormMessage('Đã hết hạn'),
    );
    expect(() => ws.submitForm(id, answers)).toThrow('Đã hết hạn');
    ws.run(ADMIN, () => {
      form.setAcceptingResponses(true);
      (form as Form & {setPublished(p: boolean): Form}).setPublished(false);
    });
    expect(() => ws.submitForm(id, answers)).toThrow(/chưa được xuất bản/);
  });

  it('takes answers keyed "entry.<id>", as the page posts them', () => {
    const {id} = sampleForm(ws);
    const f = ws.forms.get(id)!;
    const byEntry = Object.fromEntries(
      Object.entries(answers).map(([t, v]) => [
        `entry.${f.items.find(i => i.title === t)!.entryId}`,
        v,
      ]),
    );
    ws.submitForm(id, byEntry);
    expect(ws.sheetValues('Câu trả lời biểu mẫu 1')[1][2]).toBe('Nguyễn Văn A');
  });

  it('a question added later gets a new column; a deleted one keeps its column', () => {
    const {form, id} = sampleForm(ws);
    ws.submitForm(id, answers);
    ws.run(ADMIN, () => {
      form.addTextItem().setTitle('Câu mới');
      form.deleteItem(4); // Khó khăn
    });
    ws.submitForm(id, {...answers, 'Khó khăn': undefined, 'Câu mới': 'mới'});
    const values = ws.sheetValues('Câu trả lời biểu mẫu 1');
    expect(values[0]).toEqual([
      'Dấu thời gian',
      'Thôn',
      'Họ và tên',
      'Số buổi',
      'Khó khăn',
      'Ngày',
      'Câu mới',
    ]);
    expect(values[2][4]).toBe('');
    expect(values[2][6]).toBe('mới');
  });

  it('a script’s FormResponse.submit() is delivered after its execution', () => {
    const {form, id} = sampleForm(ws);
    ws.run(ADMIN, () =>
      ScriptApp.newTrigger('onSheetSubmit')
        .forSpreadsheet(SpreadsheetApp.getActive())
        .onFormSubmit()
        .create(),
    );
    ws.run(ADMIN, () => {
      const list = form.getItems()[0].asListItem();
      form
        .createResponse()
        .withItemResponse(list.createResponse('Thôn 2'))
        .submit();
    });
    expect(events).toHaveLength(0);
    expect(ws.forms.get(id)!.responses).toHaveLength(1);
    const runs = ws.forms.deliverPending();
    expect(runs.map(r => r.ok)).toEqual([true]);
    expect(events).toHaveLength(1);
  });
});

describe('persistence', () => {
  it('keeps forms, responses and the sheet link through toJSON / fromJSON', () => {
    const ws = workspace();
    ws.installGlobals();
    let id = '';
    try {
      id = sampleForm(ws).id;
      ws.submitForm(id, {Thôn: 'Thôn 2', 'Họ và tên': 'B'});
    } finally {
      ws.uninstallGlobals();
    }
    const back = Workspace.fromJSON(JSON.parse(JSON.stringify(ws.toJSON())));
    back.installGlobals();
    try {
      back.run(ADMIN, () => {
        const form = formApp(back).openById(id);
        expect(form.getItems()).toHaveLength(6);
        expect(form.getResponses()).toHaveLength(1);
        const sheet = SpreadsheetApp.getActive().getSheetByName(
          'Câu trả lời biểu mẫu 1',
        ) as GoogleAppsScript.Spreadsheet.Sheet;
        expect(FormApp.openByUrl(sheet.getFormUrl()!).getId()).toBe(id);
      });
      back.submitForm(id, {Thôn: 'Thôn 1', 'Họ và tên': 'C'});
      expect(back.sheetValues('Câu trả lời biểu mẫu 1')).toHaveLength(3);
    } finally {
      back.uninstallGlobals();
    }
  });
});
