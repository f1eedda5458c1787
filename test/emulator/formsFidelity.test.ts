// FormApp in the emulator as Google documents it: item arguments, getFormUrl, locale-formatted events, who may answer.
import {FormSubmitError, Workspace} from '../../emulator';

const ADMIN = 'quantri@daison.vn';
type Form = GoogleAppsScript.Forms.Form;

function formApp(ws: Workspace): GoogleAppsScript.Forms.FormApp {
  return ws.globals().FormApp as GoogleAppsScript.Forms.FormApp;
}

/** A published form linked to the bound spreadsheet: a village list, a name and a date. */
function linkedForm(ws: Workspace): {id: string} {
  const app = formApp(ws);
  return ws.run(ADMIN, () => {
    const form = app.create('Báo cáo thôn');
    form.addListItem().setTitle('Thôn').setChoiceValues(['Thôn 1', 'Thôn 2']);
    form.addTextItem().setTitle('Họ và tên');
    form.addDateItem().setTitle('Ngày');
    form.setDestination(
      app.DestinationType.SPREADSHEET,
      SpreadsheetApp.getActive().getId(),
    );
    (form as Form & {setPublished(p: boolean): Form}).setPublished(true);
    return {id: form.getId()};
  });
}

describe('emulated FormApp follows Google', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = new Workspace({owner: ADMIN, now: '2025-08-27T01:00:00Z'});
    ws.installGlobals();
  });
  afterEach(() => ws.uninstallGlobals());

  it('moveItem and deleteItem take an index or a generic Item, never a typed item', () => {
    ws.run(ADMIN, () => {
      const form = formApp(ws).create('F');
      const list = form.addListItem().setTitle('A');
      form.addTextItem().setTitle('B');
      form.addTextItem().setTitle('C');
      const titles = () => form.getItems().map(i => i.getTitle());
      expect(() =>
        form.moveItem(list as unknown as GoogleAppsScript.Forms.Item, 2),
      ).toThrow(
        "The parameters (FormApp.ListItem,number) don't match the method signature for FormApp.Form.moveItem.",
      );
      expect(() =>
        form.deleteItem(list as unknown as GoogleAppsScript.Forms.Item),
      ).toThrow(/FormApp\.Form\.deleteItem/);
      expect(titles()).toEqual(['A', 'B', 'C']);
      form.moveItem(0, 2);
      expect(titles()).toEqual(['B', 'C', 'A']);
      form.moveItem(form.getItems()[2], 0);
      expect(titles()).toEqual(['A', 'B', 'C']);
      form.deleteItem(form.getItems()[1]);
      form.deleteItem(0);
      expect(titles()).toEqual(['C']);
    });
  });

  it("a response tab's getFormUrl is the published address; FormApp.openByUrl gives the form's id", () => {
    const {id} = linkedForm(ws);
    ws.run(ADMIN, () => {
      const tab = SpreadsheetApp.getActive().getSheets()[0];
      const url = tab.getFormUrl() as string;
      expect(url).toMatch(
        /^https:\/\/docs\.google\.com\/forms\/d\/e\/[\w-]+\/viewform$/,
      );
      expect(url).not.toContain(id);
      expect(url).toBe(FormApp.openById(id).getPublishedUrl());
      expect(FormApp.openByUrl(url).getId()).toBe(id);
    });
  });

  it('e.values and e.namedValues show dates by the spreadsheet locale (en_US for a new one)', () => {
    const {id} = linkedForm(ws);
    const events: Array<{
      values: string[];
      namedValues: Record<string, string[]>;
    }> = [];
    ws.setFunctions({
      onSubmit: (e: {
        values: string[];
        namedValues: Record<string, string[]>;
      }) => events.push(e),
    });
    ws.run(ADMIN, () => {
      expect(SpreadsheetApp.getActive().getSpreadsheetLocale()).toBe('en_US');
      ScriptApp.newTrigger('onSubmit')
        .forSpreadsheet(SpreadsheetApp.getActive())
        .onFormSubmit()
        .create();
    });
    const answers = {Thôn: 'Thôn 1', 'Họ và tên': 'An', Ngày: '2025-09-03'};
    ws.submitForm(id, answers, '2025-08-28T02:30:00Z');
    expect(events[0].values.slice(1)).toEqual(['Thôn 1', 'An', '9/3/2025']);
    expect(events[0].namedValues['Ngày']).toEqual(['9/3/2025']);
    ws.run(ADMIN, () =>
      SpreadsheetApp.getActive().setSpreadsheetLocale('vi_VN'),
    );
    ws.submitForm(id, answers, '2025-08-28T03:30:00Z');
    expect(events[1].values.slice(1)).toEqual(['Thôn 1', 'An', '3/9/2025']);
    // The typed value is the same Date whatever the locale.
    const typed = ws.sheetValues(
      ws.uncounted(() =>
        ws.run(ADMIN, () =>
          SpreadsheetApp.getActive().getSheets()[0].getName(),
        ),
      ),
    );
    expect((typed[1][3] as Date).getTime()).toBe(
      (typed[2][3] as Date).getTime(),
    );
  });

  it('a Workspace domain that restricts new forms to its users: anonymous answers are refused until setRequireLogin(false)', () => {
    ws.forms.domainPolicy = 'signInByDefault';
    const {id} = linkedForm(ws);
    const answers = {Thôn: 'Thôn 1', 'Họ và tên': 'An'};
    expect(ws.forms.get(id)?.requireLogin).toBe(true);
    expect(() => ws.submitForm(id, answers)).toThrow(FormSubmitError);
    expect(() =>
      ws.submitForm(id, answers, undefined, {signedInAs: 'ai@gmail.com'}),
    ).toThrow(/@daison\.vn/);
    expect(
      ws.submitForm(id, answers, undefined, {signedInAs: 'can.bo@daison.vn'})
        .responseId,
    ).toBeTruthy();
    ws.run(ADMIN, () => {
      const form = FormApp.openById(id);
      expect(form.requiresLogin()).toBe(true);
      form.setRequireLogin(false);
      expect(form.requiresLogin()).toBe(false);
    });
    expect(ws.submitForm(id, answers).responseId).toBeTruthy();
  });

  it("a domain that forbids outside responders refuses setRequireLogin(false); a consumer account's forms need no sign-in", () => {
    ws.forms.domainPolicy = 'domainOnly';
    const {id} = linkedForm(ws);
    ws.run(ADMIN, () => {
      const form = FormApp.openById(id);
      expect(() => form.setRequireLogin(false)).toThrow(/policy/);
      expect(form.requiresLogin()).toBe(true);
    });
    expect(() => ws.submitForm(id, {Thôn: 'Thôn 1'})).toThrow(FormSubmitError);

    ws.forms.domainPolicy = 'open';
    const open = linkedForm(ws);
    expect(ws.forms.get(open.id)?.requireLogin).toBe(false);
    expect(ws.submitForm(open.id, {Thôn: 'Thôn 1'}).responseId).toBeTruthy();
  });
});
