// Debian's Chromium for the browser tests: its path and the flags this closed-network machine needs.
export const CHROMIUM = '/usr/bin/chromium';

/** Headless flags: no sandbox as root, and none of Chromium's own network traffic (refused here). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
