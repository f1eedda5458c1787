// HtmlService templates (escaping, scriptlets, files) and the recorded UI (sidebars, alerts, prompts).
import {Workspace} from '../../emulator';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

test('<?= ?> escapes, <?!= ?> does not, <? ?> runs code over template properties', () => {
  const t = HtmlService.createTemplate(
    '<h1><?= title ?></h1><? for (const x of items) { ?><li><?= x ?></li><? } ?><?!= raw ?>',
  );
  t.title = '<script>alert("x")</script> & \'';
  t.items = ['a<b', 'c'];
  t.raw = '<b>bold</b>';
  expect(t.evaluate().getContent()).toBe(
    '<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;</h1><li>a&lt;b</li><li>c</li><b>bold</b>',
  );
});

test('<?= ?> inside a script element prints a JavaScript literal', () => {
  const t = HtmlService.createTemplate(
    '<script>var data = <?= data ?>;</script><p><?= data.name ?></p>',
  );
  t.data = {name: '</script><x>'};
  expect(t.evaluate().getContent()).toBe(
    '<script>var data = {"name":"\\x3c/script\\x3e\\x3cx\\x3e"};</script><p>&lt;/script&gt;&lt;x&gt;</p>',
  );
});

test('files, includes through script functions, and output settings', () => {
  ws.addHtmlFile('Sidebar', '<div><?!= include("Styles") ?></div>');
  ws.addHtmlFile('Styles.html', '<style>b{}</style>');
  ws.setFunctions({
    include: (name: string) =>
      HtmlService.createHtmlOutputFromFile(name).getContent(),
  });
  const out = HtmlService.createTemplateFromFile('Sidebar')
    .evaluate()
    .setTitle('Cập nhật')
    .setWidth(320);
  expect(out.getContent()).toBe('<div><style>b{}</style></div>');
  expect(out.getTitle()).toBe('Cập nhật');
  expect(() => HtmlService.createHtmlOutputFromFile('Missing')).toThrow(
    'No HTML file named Missing was found.',
  );
  expect(out.setSandboxMode(HtmlService.SandboxMode.IFRAME)).toBe(out);
});

test('sidebars, dialogs, alerts and prompts are recorded; answers can be scripted', () => {
  const ui = SpreadsheetApp.getUi();
  ui.showSidebar(
    HtmlService.createHtmlOutput('<p>hi</p>').setTitle('Thanh bên'),
  );
  expect(ws.ui.last('sidebar')).toMatchObject({
    title: 'Thanh bên',
    html: '<p>hi</p>',
    user: 'admin@example.com',
  });
  ui.showModalDialog(HtmlService.createHtmlOutput('x'), 'Hộp thoại');
  expect(ws.ui.last('modal')?.title).toBe('Hộp thoại');
  expect(String(ui.alert('Xong'))).toBe('OK');
  ws.ui.alertAnswers.push('NO');
  expect(ui.alert('Tiêu đề', 'Xoá?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
  expect(ws.ui.of('alert').map(a => a.prompt)).toEqual(['Xong', 'Xoá?']);
  const cancelled = ui.prompt('Tên?', ui.ButtonSet.OK_CANCEL);
  expect(String(cancelled.getSelectedButton())).toBe('CANCEL');
  ws.ui.promptAnswers.push({button: 'OK', text: 'Thôn 3'});
  const answered = ui.prompt('Tên?', ui.ButtonSet.OK_CANCEL);
  expect([
    String(answered.getSelectedButton()),
    answered.getResponseText(),
  ]).toEqual(['OK', 'Thôn 3']);
});
