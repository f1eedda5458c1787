// What an entry point whose feature is not built yet does: tell the user plainly, never fail silently.
import {alertUser} from '../services/ui';

export class FeatureNotAvailableError extends Error {}

/** Tells the user the feature is not in this version, and throws so callers and logs see it too. */
export function notAvailable(feature: string): never {
  const message = `Chức năng "${feature}" chưa có trong phiên bản này. Vui lòng cập nhật phiên bản mới hoặc liên hệ cán bộ phụ trách kỹ thuật.`;
  alertUser('Chưa có chức năng', message);
  throw new FeatureNotAvailableError(message);
}
