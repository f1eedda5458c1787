// Alias of the host API module (emulator/index.ts) for importers that name it "workspace".
export * from './index';
