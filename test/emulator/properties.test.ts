// PropertiesService: script, document and per-user stores with Google's 9 kB / 500 kB limits.
import {Workspace} from '../../emulator';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

test('get, set, delete and list', () => {
  const p = PropertiesService.getScriptProperties();
  expect(p.getProperty('x')).toBeNull();
  p.setProperty('x', '1').setProperties({y: '2', z: '3'});
  expect(p.getProperties()).toEqual({x: '1', y: '2', z: '3'});
  expect(p.getKeys().sort()).toEqual(['x', 'y', 'z']);
  p.setProperties({only: 'me'}, true);
  expect(p.getProperties()).toEqual({only: 'me'});
  p.deleteProperty('only');
  expect(p.getKeys()).toEqual([]);
  p.setProperty('n', 5 as unknown as string);
  expect(p.getProperty('n')).toBe('5');
  p.deleteAllProperties();
  expect(p.getProperties()).toEqual({});
});

test('a value over 9 kB is refused, and so is a store over 500 kB', () => {
  const p = PropertiesService.getDocumentProperties();
  expect(() => p.setProperty('big', 'x'.repeat(9 * 1024))).toThrow(
    'Argument too large: value',
  );
  // Vietnamese text counts in UTF-8 bytes.
  expect(() => p.setProperty('vi', 'ệ'.repeat(3100))).toThrow(
    'Argument too large: value',
  );
  p.setProperty('fits', 'x'.repeat(9 * 1024 - 4));
  expect(p.getProperty('fits')?.length).toBe(9 * 1024 - 4);
  expect(() => {
    for (let i = 0; i < 60; i++) p.setProperty(`k${i}`, 'x'.repeat(9000));
  }).toThrow(
    'You have exceeded the property storage quota. Please remove some properties and try again.',
  );
});

test('user properties belong to the user the script runs as', () => {
  ws.run('a@example.com', () =>
    PropertiesService.getUserProperties().setProperty('pref', 'A'),
  );
  ws.run('b@example.com', () =>
    expect(
      PropertiesService.getUserProperties().getProperty('pref'),
    ).toBeNull(),
  );
  ws.run('a@example.com', () =>
    expect(PropertiesService.getUserProperties().getProperty('pref')).toBe('A'),
  );
});
