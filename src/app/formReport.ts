// What one run of "Tạo / cập nhật biểu mẫu báo cáo thôn" did, and the Vietnamese note the admin reads.
import {FORM_LINKS} from '../workbook/schema';

/** What one run did, for the admin and the tests. */
export interface FormRunReport {
  periodId: string;
  periodName: string;
  formId: string;
  publishedUrl: string;
  editUrl: string;
  created: boolean;
  /** Response tab name, or '' when Google has not shown it yet. */
  responseTab: string;
  tasks: string[];
  villages: number;
  addedVillages: string[];
  removedVillages: string[];
  links: number;
  itemsAdded: number;
  itemsRemoved: number;
  published: boolean | null;
  /** True when Google keeps the form to accounts of the owner's domain (villages must sign in). */
  signInRequired: boolean;
  accepting: boolean;
  triggerCreated: boolean;
  /** False when the run stopped at its budget of Forms calls: a continuation will finish the form. */
  complete: boolean;
  /** Spec items placed so far, of all the spec's items. */
  itemsDone: number;
  itemsTotal: number;
  /** True when this run scheduled the continuation trigger. */
  continuationScheduled: boolean;
  /** Responses found in the response tab but missing from the reports tab, recorded by this run. */
  caughtUp: number;
  problems: string[];
}

/** One Vietnamese paragraph saying what the run did. */
export function formRunNote(r: FormRunReport): string {
  if (!r.complete) {
    const lines = [
      `Biểu mẫu báo cáo thôn cho ${r.periodName} đang được tạo dần: đã xong ${r.itemsDone}/${r.itemsTotal} mục.`,
      'Biểu mẫu đang được tạo dần… sẽ tiếp tục tự động sau khoảng 1 phút (không cần làm gì thêm). ' +
        `Khi xong, đường dẫn điền sẵn của từng thôn sẽ có ở tab "${FORM_LINKS.name}".`,
    ];
    if (r.problems.length)
      lines.push('', 'Cần xem lại:', ...r.problems.map(p => `• ${p}`));
    return lines.join('\n');
  }
  const lines = [
    `${r.created ? 'Đã tạo' : 'Đã cập nhật'} biểu mẫu báo cáo thôn cho ${r.periodName}: ${r.villages} thôn, ` +
      `${r.tasks.length} nhiệm vụ (${r.tasks.map(t => `NV${t}`).join(', ') || 'không có'}).`,
    `Đường dẫn cho thôn: ${r.publishedUrl}`,
    `Sửa biểu mẫu: ${r.editUrl}`,
    `Đường dẫn điền sẵn của từng thôn: tab "${FORM_LINKS.name}" (${r.links} thôn).`,
  ];
  if (r.responseTab)
    lines.push(
      `Câu trả lời gốc được lưu ở tab "${r.responseTab}"; báo cáo đã chuẩn hóa ở tab "Báo cáo thôn".`,
    );
  if (r.addedVillages.length)
    lines.push(`Thôn mới thêm vào danh sách: ${r.addedVillages.join(', ')}.`);
  if (r.removedVillages.length)
    lines.push(`Thôn đã bỏ khỏi danh sách: ${r.removedVillages.join(', ')}.`);
  if (!r.created && (r.itemsAdded || r.itemsRemoved)) {
    lines.push(
      `Câu hỏi: thêm ${r.itemsAdded}, bỏ ${r.itemsRemoved} (theo các nhiệm vụ hiện tại).`,
    );
  }
  if (r.triggerCreated) lines.push('Đã bật việc nhận câu trả lời tự động.');
  if (r.caughtUp) {
    lines.push(
      `Đã ghi thêm ${r.caughtUp} câu trả lời có trong tab phản hồi nhưng chưa được ghi vào tab "Báo cáo thôn".`,
    );
  }
  if (r.problems.length)
    lines.push('', 'Cần xem lại:', ...r.problems.map(p => `• ${p}`));
  return lines.join('\n');
}
