// Test helpers: the seed plan and its variants as WordprocessingML, built by the project's own .docx writer.
import {
  docxParts,
  para,
  type DocxCell,
  type DocxDocument,
  type DocxTable,
} from '../../../src/core/docx';
import type {Task} from '../../../src/core/types';
import {DEFAULT_TASKS} from '../../../src/plan/defaultPlan';

export const SIX = [
  'tt',
  'text',
  'lead',
  'support',
  'timelineText',
  'product',
] as const;
export type Six = Pick<Task, (typeof SIX)[number]>;

/** The six fields of the default plan's tasks. */
export function seedSix(): Six[] {
  return DEFAULT_TASKS.map(t => ({
    tt: t.tt,
    text: t.text,
    lead: t.lead,
    support: t.support,
    timelineText: t.timelineText,
    product: t.product,
  }));
}

export function sixOf(t: Six): Six {
  return {
    tt: t.tt,
    text: t.text,
    lead: t.lead,
    support: t.support,
    timelineText: t.timelineText,
    product: t.product,
  };
}

/** word/document.xml of a document. */
export function documentXml(doc: DocxDocument): string {
  const part = docxParts(doc).find(p => p.path === 'word/document.xml');
  if (!part) throw new Error('no document part');
  return part.content;
}

export function c(text: string, extra: Partial<DocxCell> = {}): DocxCell {
  return {paragraphs: text.split('\n').map(t => para(t)), ...extra};
}

export function table(rows: DocxCell[][], width = 6): DocxTable {
  return {type: 'table', widthsCm: Array(width).fill(3), borders: true, rows};
}
