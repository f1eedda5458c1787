// Writes the seed plan as a Word file, samples/ke-hoach-dan-van-dai-son-2025.docx, with the project's own
// .docx writer (src/core/docx.ts) and zip writer: the sample the import dialog and the README use.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {docxParts, type DocxDocument} from '../src/core/docx';
import {planDocument} from '../src/plan/samplePlanDocx';
import {zipEntries} from '../emulator/zip';

export const SAMPLE_PATH = join(
  resolve(__dirname, '..'),
  'samples',
  'ke-hoach-dan-van-dai-son-2025.docx',
);

/** A document's .docx bytes (fixed timestamps: the same document always gives the same bytes). */
export function packDocx(doc: DocxDocument): Buffer {
  return zipEntries(
    docxParts(doc).map(p => ({
      name: p.path,
      data: Buffer.from(p.content, 'utf8'),
    })),
  );
}

/** The seed plan's .docx. */
export function samplePlanDocx(): Buffer {
  return packDocx(planDocument());
}

if (require.main === module) {
  mkdirSync(join(resolve(__dirname, '..'), 'samples'), {recursive: true});
  writeFileSync(SAMPLE_PATH, samplePlanDocx());
  console.log(`Đã ghi ${SAMPLE_PATH}`);
}
