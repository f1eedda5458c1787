// Document properties: small per-workbook state (schema version, trigger owner, form ids).

const props = () => PropertiesService.getDocumentProperties();

export function getDocProperty(key: string): string | null {
  return props().getProperty(key);
}

export function setDocProperty(key: string, value: string): void {
  props().setProperty(key, value);
}

export function deleteDocProperty(key: string): void {
  props().deleteProperty(key);
}

export const SCHEMA_VERSION_KEY = 'schemaVersion';

/** A document property holding a JSON object (an empty object when missing or unreadable; never throws). */
export function readJsonProperty<T>(key: string): Record<string, T> {
  try {
    const raw = getDocProperty(key);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, T>)
      : {};
  } catch {
    return {};
  }
}
