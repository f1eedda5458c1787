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
