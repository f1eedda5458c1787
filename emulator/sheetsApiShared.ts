// What the Sheets API emulation's request checkers share: the invalid-request error and API colours.
import {normalizeColor} from './spreadsheet/env';

type Color = GoogleAppsScript.Sheets.Schema.Color;
type ColorStyle = GoogleAppsScript.Sheets.Schema.ColorStyle;

/** A request found invalid while the batch is checked (before anything is applied). */
export class InvalidRequest extends Error {}

/** An API Color (0-1 floats) as Sheets reports it to Apps Script: lower-case #rrggbb. */
export function colorHex(c: Color | undefined): string | null {
  if (!c) return null;
  const part = (x: number | undefined) =>
    Math.round(Math.min(1, Math.max(0, Number(x ?? 0))) * 255)
      .toString(16)
      .padStart(2, '0');
  return normalizeColor(`#${part(c.red)}${part(c.green)}${part(c.blue)}`);
}

export function styleHex(
  style: ColorStyle | undefined,
  plain: Color | undefined,
): string | null {
  if (style?.themeColor)
    throw new InvalidRequest('theme colours are not supported by the emulator');
  return colorHex(style?.rgbColor ?? plain);
}
