// `tsx scripts/tools/cli.ts [tool...]`: makes sure the real servers (and the console test's Chromium) are at
// hand, printing one line per tool.
import { ALL_TOOLS } from './catalog';
import { describeChromium, ensureChromium } from './chromium';
import { describe, ensureTool, ToolUnavailableError } from './ensure';

const wanted = process.argv.slice(2);
if (wanted.includes('--help')) {
  console.log(
    `usage: tools [${[...ALL_TOOLS.map((t) => t.name), 'chromium'].join('|')}]...\n` +
      'Finds each server (env var, cache, build with go/mvn, download) and prints which path was taken;\n' +
      'chromium comes from CHROMIUM_PATH, /usr/bin/chromium or apt-get.',
  );
  process.exit(0);
}
try {
  for (const tool of ALL_TOOLS.filter((t) => wanted.length === 0 || wanted.includes(t.name))) {
    console.log(describe(ensureTool(tool)));
  }
  if (wanted.length === 0 || wanted.includes('chromium')) console.log(describeChromium(ensureChromium()));
} catch (error) {
  if (!(error instanceof ToolUnavailableError)) throw error;
  console.error(`tools: ${error.message}`);
  process.exit(1);
}
