// Prefilled form links without URL / URLSearchParams (absent from Apps Script).

/** application/x-www-form-urlencoded encoding of one value (spaces as "+"). */
export function formUrlEncode(value: string): string {
  const wellFormed = String(value ?? '').replace(LONE_SURROGATE, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/%20/g, '+');
}

/** A surrogate half without its pair (encodeURIComponent throws on it). */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Decodes one form-urlencoded value; malformed escapes are kept as they are. */
export function formUrlDecode(value: string): string {
  const s = String(value ?? '').replace(/\+/g, ' ');
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9a-f]{2})/gi, (m, h: string) => {
      const code = parseInt(h, 16);
      return code < 0x80 ? String.fromCharCode(code) : m;
    });
  }
}

/** The name of the query parameter of `url` whose value is `value`, or null. */
export function queryParamWithValue(url: string, value: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const query = url.slice(q + 1).split('#')[0];
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (formUrlDecode(pair.slice(eq + 1)) === value) return pair.slice(0, eq);
  }
  return null;
}

/** `url` with the query parameter `name` set to `value` (added when absent). */
export function withQueryParam(
  url: string,
  name: string,
  value: string,
): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : '';
  const q = base.indexOf('?');
  const path = q >= 0 ? base.slice(0, q) : base;
  const pairs =
    q >= 0
      ? base
          .slice(q + 1)
          .split('&')
          .filter(Boolean)
      : [];
  const encoded = `${name}=${formUrlEncode(value)}`;
  let found = false;
  const out = pairs.map(p => {
    if (p.slice(0, p.indexOf('=') >= 0 ? p.indexOf('=') : p.length) !== name)
      return p;
    found = true;
    return encoded;
  });
  if (!found) out.push(encoded);
  return `${path}?${out.join('&')}${fragment}`;
}

/** The verification code of a template link and how to make each village's. */
export interface PrefilledCode {
  /** The code the template link was made with. */
  template: string;
  /** The code of a village (by unit code). */
  of(unitCode: string): string;
}

/**
 * Prefilled links for every village from one link Google made for the first: the parameter whose
 * value is the template choice gets each village's choice, and (when given) the parameter whose
 * value is the template code gets each village's code. Empty when the template holds no such
 * parameter (the caller then says so rather than guessing).
 */
export function derivePrefilledUrls(
  templateUrl: string,
  templateChoice: string,
  choices: {choice: string; unitCode: string}[],
  code?: PrefilledCode,
): {unitCode: string; choice: string; url: string}[] {
  const param = queryParamWithValue(templateUrl, templateChoice);
  if (!param) return [];
  const codeParam = code
    ? queryParamWithValue(templateUrl, code.template)
    : null;
  if (code && (!codeParam || codeParam === param)) return [];
  return choices.map(c => {
    const url = withQueryParam(templateUrl, param, c.choice);
    return {
      unitCode: c.unitCode,
      choice: c.choice,
      url:
        code && codeParam
          ? withQueryParam(url, codeParam, code.of(c.unitCode))
          : url,
    };
  });
}
