// Deploy: builds dist/ and pushes it to the bound Apps Script project with clasp, after checking the set-up.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';

const ROOT = resolve(__dirname, '..');

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, {cwd: ROOT, stdio: 'inherit'});
  if (r.status !== 0)
    fail(`Lệnh "${cmd} ${args.join(' ')}" thất bại (mã ${r.status}).`);
}

const claspFile = join(ROOT, '.clasp.json');
const clasp = existsSync(claspFile)
  ? (JSON.parse(readFileSync(claspFile, 'utf8')) as {
      scriptId?: string;
      rootDir?: string;
    })
  : {};
if (!clasp.scriptId) {
  fail(
    'Chưa có scriptId trong .clasp.json. Mở bảng tính Google → Tiện ích mở rộng → Apps Script → ' +
      'Cài đặt dự án → sao chép "Mã tập lệnh" (Script ID) rồi dán vào "scriptId" của .clasp.json ' +
      '(hoặc chạy: npx clasp create --type sheets --title "Dân vận" --rootDir dist). Xem README, mục Triển khai.\n' +
      '  (No scriptId in .clasp.json: see README, "Deploy".)',
  );
}
if (clasp.rootDir !== 'dist') fail('.clasp.json phải có "rootDir": "dist".');
const rc = process.env.CLASP_CONFIG_AUTH ?? join(homedir(), '.clasprc.json');
if (!existsSync(rc)) {
  fail(
    'Chưa đăng nhập clasp. Chạy: npx clasp login (mở trình duyệt để cấp quyền), rồi chạy lại npm run deploy.\n' +
      '  (Not logged in: run `npx clasp login` first.)',
  );
}
run('npx', ['tsx', 'scripts/build.ts']);
run('npx', ['clasp', 'push', '--force']);
console.log(
  '\n✔ Đã đẩy mã lên Apps Script. Tải lại bảng tính để thấy menu "Dân vận".',
);
