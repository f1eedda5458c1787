// The summary's charts as pictures in the draft report: inserted at the head of the results section.
import type {DocxBlock, DocxDocument, DocxImage} from './docx';
import {REPORT_SECTIONS} from './reportDoc';

/** A chart image to show, with its caption. */
export interface FigureImage {
  /** Base64 PNG. */
  base64: string;
  title: string;
  /** Pixel size of the image (for its aspect ratio). */
  width: number;
  height: number;
}

/** Width of a figure on the page (A4 portrait text width is 16.5 cm with the report's margins). */
const FIGURE_WIDTH_CM = 15;

/**
 * The document with each figure as an inline picture and an italic caption, right after the
 * heading of section II (the results): the same charts as the summary tab's.
 */
export function withFigures(
  doc: DocxDocument,
  figures: FigureImage[],
): DocxDocument {
  if (!figures.length) return doc;
  const images: DocxImage[] = figures.map((f, i) => ({
    name: `chart${i + 1}.png`,
    base64: f.base64,
  }));
  const blocks: DocxBlock[] = figures.flatMap((f, i) => [
    {
      type: 'picture' as const,
      image: images[i].name,
      widthCm: FIGURE_WIDTH_CM,
      heightCm:
        Math.round(
          ((FIGURE_WIDTH_CM * f.height) / Math.max(1, f.width)) * 100,
        ) / 100,
      description: f.title,
    },
    {
      type: 'paragraph' as const,
      runs: [{text: `Biểu đồ ${i + 1}. ${f.title}`, italic: true}],
      align: 'center' as const,
      spaceAfterPt: 6,
      size: 12,
    },
  ]);
  const sections = doc.sections.map((s, si) => {
    if (si !== 0) return s;
    const at = s.blocks.findIndex(
      b =>
        b.type === 'paragraph' &&
        b.runs.map(r => r.text).join('') === REPORT_SECTIONS[1],
    );
    const index = at >= 0 ? at + 1 : s.blocks.length;
    return {
      ...s,
      blocks: [
        ...s.blocks.slice(0, index),
        ...blocks,
        ...s.blocks.slice(index),
      ],
    };
  });
  return {...doc, sections, images: [...(doc.images ?? []), ...images]};
}
