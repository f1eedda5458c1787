// Which answers the preview logs as refusals ({ok: false, message}) or cancellations, and which as plain results.
import {refusalOf} from '../../scripts/preview/host';

test('an {ok: false, code, message} answer is a refusal with its reason', () => {
  expect(
    refusalOf({ok: false, code: 'stale', message: 'Đã có người khác cập nhật'}),
  ).toEqual({code: 'stale', message: 'Đã có người khác cập nhật'});
  expect(refusalOf({ok: false, message: 'Không có quyền'})).toEqual({
    code: '',
    message: 'Không có quyền',
  });
});

test('a run the user cancelled is a cancellation, not a refusal', () => {
  expect(
    refusalOf({ok: false, cancelled: true, message: 'Đã hủy xuất tổng hợp.'}),
  ).toEqual({code: 'cancelled', message: 'Đã hủy xuất tổng hợp.'});
});

test('anything else is no refusal', () => {
  for (const v of [
    undefined,
    null,
    0,
    'ok',
    {ok: true, message: 'Đã lưu'},
    {ok: false},
    {ok: 'false', message: 'x'},
    [false],
  ])
    expect(refusalOf(v)).toBeUndefined();
});
