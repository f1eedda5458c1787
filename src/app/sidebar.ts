// Use case "Cập nhật tiến độ": the sidebar's two server calls, load and save, through the shared gate.
import {
  isSidebarUnit,
  unitHasEmail,
  unitsUserMayEdit,
} from '../core/assignmentUpdate';
import type {Unit} from '../core/types';
import type {
  SaveResult,
  SidebarLoadResult,
  SidebarRefusal,
  UnitOption,
  UploadResult,
} from '../shared/sidebar';
import {tabPresent} from '../workbook/workbook';
import {uploadEvidence} from './evidence';
import {unitPageData} from './unitPage';
import {
  LINKS_ONLY_MESSAGE,
  SETUP_MENU,
  planClock,
  errorText,
  openContext,
  saveAssignment,
  sortForSidebar,
  whomToAsk,
  type Context,
} from './assignmentGate';

export {sortForSidebar};

function unitOption(u: Unit): UnitOption {
  return {code: u.code, name: u.name};
}

function refusal(
  ctx: Context | null,
  code: SidebarRefusal['code'],
  message: string,
): SidebarRefusal {
  const office = ctx?.data.settings.reportTo || 'Phòng Văn hóa - Xã hội';
  const admins = ctx ? ctx.data.settings.adminEmails : [];
  return {
    ok: false,
    code,
    message,
    user: ctx?.user ?? '',
    contact: {office, admins},
  };
}

/**
 * google.script.run `sidebarLoad(unitCode?)`: the user's units, the current period and one unit's
 * assignments (the requested one, else the user's first), sorted most urgent first. One call; one
 * read per tab whatever the size of the plan. Unknown users get whom to ask, and no data.
 */
export function sidebarLoad(unitCode?: unknown): SidebarLoadResult {
  let ctx: Context | null = null;
  try {
    ctx = openContext();
    const {data, user} = ctx;
    if (!data.tables.assignments.sheet || !tabPresent(data.tables.units)) {
      return refusal(
        ctx,
        'not_setup',
        `Bảng tính chưa được thiết lập. Quản trị viên cần chạy menu ${SETUP_MENU}.`,
      );
    }
    if (!user) {
      return refusal(
        ctx,
        'no_email',
        'Không xác định được tài khoản Google của bạn. Hãy đăng nhập bằng tài khoản đã đăng ký trong trang "Đơn vị" rồi mở lại thanh bên. Nếu trình duyệt đang đăng nhập nhiều tài khoản Google cùng lúc, hãy đăng xuất các tài khoản khác (hoặc mở cửa sổ ẩn danh) rồi thử lại.',
      );
    }
    const isAdmin = ctx.admins.some(a => a === user);
    if (data.settings.linksOnly && !isAdmin) {
      return refusal(
        ctx,
        'forbidden',
        `${LINKS_ONLY_MESSAGE} ${whomToAsk(ctx)}.`,
      );
    }
    const mine = unitsUserMayEdit(user, data.units, ctx.admins);
    if (!mine.length) {
      const villages = data.units.filter(
        u => !isSidebarUnit(u) && u.active && unitHasEmail(u, user),
      );
      if (villages.some(u => u.kind === 'village')) {
        return refusal(
          ctx,
          'village',
          `Tài khoản ${user} thuộc ${villages.map(u => u.name).join(', ')}. Các thôn báo cáo qua biểu mẫu Google được gửi qua email, không cần dùng thanh bên này. Nếu chưa nhận được biểu mẫu, vui lòng liên hệ ${whomToAsk(ctx)}.`,
        );
      }
      return refusal(
        ctx,
        'unknown_user',
        `Tài khoản ${user} chưa được gán cho đơn vị nào trong trang "Đơn vị", nên chưa cập nhật được tiến độ. Vui lòng liên hệ ${whomToAsk(ctx)} để được thêm email vào đơn vị của mình.`,
      );
    }
    const requested = typeof unitCode === 'string' ? unitCode.trim() : '';
    let unit: Unit | undefined;
    if (requested) {
      unit = mine.find(u => u.code === requested);
      if (!unit) {
        return refusal(
          ctx,
          'forbidden',
          'Bạn không có quyền xem phân công của đơn vị này. Mỗi đơn vị chỉ xem và cập nhật phân công của mình.',
        );
      }
    } else {
      // An admin starts with their own unit when they have one, else the first unit with work.
      const ownUnit = mine.find(u => unitHasEmail(u, user));
      const withWork = mine.find(u =>
        data.assignments.some(a => a.unitCode === u.code),
      );
      unit = ownUnit ?? withWork ?? mine[0];
    }
    return {
      ok: true,
      user,
      isAdmin,
      units: mine.map(unitOption),
      unit: unitOption(unit),
      ...unitPageData(ctx, unit.code),
    };
  } catch (e) {
    console.log(`sidebarLoad: ${String(e)}`);
    return refusal(
      ctx,
      'error',
      `Không tải được dữ liệu: ${errorText(e)}. Vui lòng thử lại; nếu vẫn lỗi, báo cho ${ctx ? whomToAsk(ctx) : 'quản trị viên'}.`,
    );
  }
}

/** google.script.run `sidebarSave(payload)`: the signed-in user's save, through the shared gate. */
export function sidebarSave(payload: unknown): SaveResult {
  return saveAssignment(() => ({kind: 'user'}), payload);
}

/** google.script.run `sidebarUpload(assignmentId, file)`: the signed-in user's upload, same gate and checks as the link page. */
export function sidebarUpload(
  assignmentId: unknown,
  file: unknown,
): UploadResult {
  return uploadEvidence(
    () => ({kind: 'user'}),
    assignmentId,
    file,
    planClock(),
  );
}
