// Who may answer a village form: published, and answerable by its link without a Google sign-in where the domain allows.

type Form = GoogleAppsScript.Forms.Form;

/** Form.setPublished / isPublished exist in Apps Script but not in @types 2.0.13. */
interface Publishable {
  setPublished(published: boolean): unknown;
  isPublished(): boolean;
}

function canPublish(form: Form): form is Form & Publishable {
  const f = form as unknown as Partial<Publishable>;
  return typeof f.setPublished === 'function';
}

export interface AudienceResult {
  /** True when published now or already; null when the form has no such setting (older forms). */
  published: boolean | null;
  /** True when villages still have to sign in with an account of the owner's domain. */
  signInRequired: boolean;
  /** Vietnamese notes for the admin. */
  problems: string[];
}

function errorText(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.replace(/^Exception:\s*/, '');
}

/** What the admin reads when the domain keeps the form to its own accounts. */
export const SIGN_IN_REFUSED =
  'Google chỉ cho người đăng nhập tài khoản của tổ chức (tên miền Google Workspace của xã) trả lời biểu mẫu này, ' +
  'nên thôn không gửi được báo cáo bằng đường dẫn nếu không đăng nhập. Hãy nhờ người quản trị Google Workspace ' +
  'của xã cho phép biểu mẫu nhận câu trả lời từ bên ngoài tổ chức (Bảng điều khiển quản trị › Ứng dụng › ' +
  'Google Workspace › Drive và Tài liệu › Cài đặt chia sẻ), hoặc mở biểu mẫu › Cài đặt › Câu trả lời và tắt ' +
  '"Chỉ người dùng trong tổ chức", rồi chạy lại "Tạo / cập nhật biểu mẫu báo cáo thôn".';

/**
 * Publishes the form (forms created by script after mid-2026 start unpublished) and turns off
 * "respondents must sign in to the domain" (Form.setRequireLogin(false); only Workspace forms have
 * it on). Never throws: what Google refuses is said in Vietnamese in `problems`.
 */
export function openToVillages(form: Form): AudienceResult {
  const problems: string[] = [];
  let published: boolean | null = null;
  if (canPublish(form)) {
    try {
      published = form.isPublished();
      if (!published) {
        form.setPublished(true);
        published = form.isPublished();
      }
    } catch (e) {
      published = false;
      problems.push(
        `Google không cho xuất bản biểu mẫu (${errorText(e)}): mở biểu mẫu và bấm "Xuất bản", rồi chạy lại.`,
      );
    }
    if (published === false && !problems.length)
      problems.push(
        'Biểu mẫu chưa được xuất bản: mở biểu mẫu và bấm "Xuất bản", rồi chạy lại.',
      );
  }
  let signInRequired = false;
  try {
    if (form.requiresLogin()) {
      try {
        form.setRequireLogin(false);
      } catch (e) {
        console.log(`setRequireLogin(false): ${errorText(e)}`);
      }
      signInRequired = form.requiresLogin();
    }
  } catch (e) {
    console.log(`requiresLogin: ${errorText(e)}`);
  }
  if (signInRequired) problems.push(SIGN_IN_REFUSED);
  return {published, signInRequired, problems};
}
