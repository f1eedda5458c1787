// DOM helpers shared by the sidebar and the link page: every text goes in as text, never parsed as HTML.

/** The element with this id; a clear error when the page lacks it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Thiếu phần tử #${id}`);
  return el as T;
}

/** A new element holding `text` as text (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Removes every child of `el`. */
export function clear(el: HTMLElement): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A colour the server may send for a status badge ("#rrggbb"); anything else is not used. */
export const SAFE_COLOR = /^#[0-9a-f]{6}$/i;
