// Headless Chromium for the console's end-to-end test: Debian's own package, driven by playwright-core.
import { type DebianTool, describeDebianTool, ensureDebianTool, type ResolvedDebianTool } from './debian';

export const CHROMIUM_ENV = 'CHROMIUM_PATH';
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM: DebianTool = { package: 'chromium', candidates: () => [DEBIAN_CHROMIUM], env: CHROMIUM_ENV };

export type ResolvedChromium = ResolvedDebianTool;

export const ensureChromium = (): ResolvedChromium => ensureDebianTool(CHROMIUM);

export const describeChromium = (resolved: ResolvedChromium): string =>
  describeDebianTool('chromium', CHROMIUM, resolved);
