// Per-village, per-period verification codes for prefilled links: HMAC-SHA256 under a random secret in script properties.

/** Script property holding the secret (never shown to villages; set once, on the first form build). */
export const VILLAGE_CODE_SECRET = 'villageCodeSecret';

/** Characters of the code kept (base64url, 6 bits each: 96 bits, never guessed by trying). */
export const CODE_LENGTH = 16;

/** Makes and checks the codes of one run. */
export interface VillageCoder {
  code(periodId: string, unitCode: string): string;
  check(periodId: string, unitCode: string, code: string): boolean;
}

function readSecret(): string | null {
  return PropertiesService.getScriptProperties().getProperty(
    VILLAGE_CODE_SECRET,
  );
}

/** A new random secret: two random UUIDs (244 random bits). */
function newSecret(): string {
  return `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
}

/** The code of a village for a period under `secret`. */
export function villageCode(
  secret: string,
  periodId: string,
  unitCode: string,
): string {
  const mac = Utilities.computeHmacSha256Signature(
    `${periodId}\n${unitCode}`,
    secret,
    Utilities.Charset.UTF_8,
  );
  return Utilities.base64EncodeWebSafe(mac)
    .replace(/=+$/, '')
    .slice(0, CODE_LENGTH);
}

/** Compares without stopping at the first difference. */
function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The codes under the document's secret. `create`: make the secret when there is none (the form
 * build, under the document lock). Without a secret nothing checks (fail closed).
 */
export function villageCoder(create: boolean): VillageCoder {
  let secret = readSecret();
  if (!secret && create) {
    secret = newSecret();
    PropertiesService.getScriptProperties().setProperty(
      VILLAGE_CODE_SECRET,
      secret,
    );
  }
  const key = secret;
  const made = new Map<string, string>();
  const code = (periodId: string, unitCode: string): string => {
    if (!key) return '';
    const id = `${periodId}\n${unitCode}`;
    if (!made.has(id)) made.set(id, villageCode(key, periodId, unitCode));
    return made.get(id) as string;
  };
  return {
    code,
    check: (periodId, unitCode, given) =>
      !!key &&
      !!given &&
      sameCode(code(periodId, unitCode), String(given).trim()),
  };
}
