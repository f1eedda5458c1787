// The emulator's ui.prompt / choice alerts when the host asks its own user: the script stops at the question (Google suspends it), nothing is answered for the user.
import {Workspace} from '../../emulator';
import {QuestionPending} from '../../emulator/ui';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

test('with askWhenUnanswered, an unanswered prompt stops the script and records the question', () => {
  const ui = SpreadsheetApp.getUi();
  ws.ui.askWhenUnanswered = true;
  let after = false;
  expect(() => {
    ui.prompt('Lập tổng hợp', 'Mã kỳ?', ui.ButtonSet.OK_CANCEL);
    after = true;
  }).toThrow(QuestionPending);
  expect(after).toBe(false);
  expect(ws.ui.pending).toEqual({
    type: 'prompt',
    title: 'Lập tổng hợp',
    message: 'Mã kỳ?',
    buttons: ['OK', 'CANCEL'],
  });
  // No CANCEL was recorded on the user's behalf.
  expect(ws.ui.of('prompt')).toEqual([]);
});

test('a scripted answer is used as given; an OK-only alert never asks', () => {
  const ui = SpreadsheetApp.getUi();
  ws.ui.askWhenUnanswered = true;
  ws.ui.promptAnswers.push({button: 'OK', text: 'KY1'});
  const r = ui.prompt('Mã kỳ?', ui.ButtonSet.OK_CANCEL);
  expect([String(r.getSelectedButton()), r.getResponseText()]).toEqual([
    'OK',
    'KY1',
  ]);
  expect(String(ui.alert('Xong'))).toBe('OK');
  expect(ws.ui.pending).toBeNull();
});

test('a choice alert with no answer stops too, even when the script catches the throw', () => {
  const ui = SpreadsheetApp.getUi();
  ws.ui.askWhenUnanswered = true;
  try {
    ui.alert('Lập lại?', 'Tiếp tục?', ui.ButtonSet.YES_NO);
  } catch {
    // a script's catch-all cannot hide the question from the host
  }
  expect(ws.ui.pending).toMatchObject({type: 'alert', buttons: ['YES', 'NO']});
});

test('without askWhenUnanswered (tests, triggers), answers default as before', () => {
  const ui = SpreadsheetApp.getUi();
  expect(
    String(ui.prompt('Tên?', ui.ButtonSet.OK_CANCEL).getSelectedButton()),
  ).toBe('CANCEL');
  expect(String(ui.alert('Xoá?', ui.ButtonSet.YES_NO))).toBe('YES');
  expect(ws.ui.pending).toBeNull();
});
