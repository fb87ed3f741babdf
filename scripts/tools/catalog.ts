// The real servers sscard runs against, pinned. Each is found, in order, at an explicit path from the
// environment, in the user's cache, built here from a registry this machine reaches, or downloaded.
import os from 'node:os';
import path from 'node:path';

export const toolsCacheDir = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
  'sscard',
  'tools',
);

export interface ToolSpec {
  /** Short name used in messages and cache folders. */
  name:
    | 'temporal'
    | 'temporal-test-server'
    | 'ferretdb'
    | 'temporal-server'
    | 'temporal-sql-tool'
    | 'temporal-ui-server';
  version: string;
  /** Environment variable that points at an existing executable and skips everything else. */
  envVar: string;
  /** Executable path inside the tool's versioned cache folder. */
  relativeBin: string;
  /** What must be on PATH to build it here. */
  builder: 'go' | 'mvn';
  /** Go package to build, for go-built tools. */
  goPackage?: string;
  /**
   * A file in the module that only the project's release tooling writes, and without which the binary refuses
   * to start; when set, the tool is built from a copy of the module source with this file holding the tag.
   */
  goVersionFile?: string;
  /** Where the ordinary download lives, for machines that can reach it. */
  downloadUrl?: string;
  /** Bumped when what we build around the same version changes, so cached builds of the old shape are not reused. */
  buildRevision?: number;
}

export const TEMPORAL_CLI: ToolSpec = {
  name: 'temporal',
  // v1.5.1 (server 1.29, UI 2.42): the newest CLI tag whose go.mod has no `replace`, which `go install` needs.
  version: '1.5.1',
  envVar: 'TEMPORAL_CLI_PATH',
  relativeBin: 'bin/temporal',
  builder: 'go',
  goPackage: 'github.com/temporalio/cli/cmd/temporal',
  downloadUrl: 'https://temporal.download/cli/archive/v1.5.1?platform=linux&arch=amd64',
};

export const TEST_SERVER: ToolSpec = {
  name: 'temporal-test-server',
  version: '1.38.0',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  relativeBin: 'bin/temporal-test-server',
  builder: 'mvn',
  // 2: the wrapper accepts --initial-time (InitialTimeTestServer.java).
  buildRevision: 2,
};

export const FERRETDB: ToolSpec = {
  name: 'ferretdb',
  version: '1.24.2',
  envVar: 'FERRETDB_PATH',
  relativeBin: 'bin/ferretdb',
  builder: 'go',
  // `go install ...@v1.24.2` builds a binary that panics at start: build/version/version.txt is not in the module.
  goPackage: 'github.com/FerretDB/FerretDB/cmd/ferretdb',
  goVersionFile: 'build/version/version.txt',
  downloadUrl: 'https://github.com/FerretDB/FerretDB/releases/download/v1.24.2/ferretdb-linux-amd64',
};

export const ALL_TOOLS = [TEMPORAL_CLI, TEST_SERVER, FERRETDB];

// The self-hosted cluster (`npm start -- --temporal cluster`, `npm run test:cluster`): the server the dev server
// embeds, built as a cluster runs it, from the same release as the CLI above. Its module has no `replace` line.
export const TEMPORAL_SERVER: ToolSpec = {
  name: 'temporal-server',
  version: '1.29.1',
  envVar: 'TEMPORAL_SERVER_PATH',
  relativeBin: 'bin/temporal-server',
  builder: 'go',
  goPackage: 'go.temporal.io/server/cmd/server',
};

/** Creates and migrates the cluster's databases; the versioned SQL schemas are embedded in the binary. */
export const TEMPORAL_SQL_TOOL: ToolSpec = {
  name: 'temporal-sql-tool',
  version: '1.29.1',
  envVar: 'TEMPORAL_SQL_TOOL_PATH',
  relativeBin: 'bin/temporal-sql-tool',
  builder: 'go',
  goPackage: 'go.temporal.io/server/cmd/tools/sql',
};

/** The Web UI as a server of its own, the version CLI 1.5.1 embeds; its module carries the built UI assets. */
export const TEMPORAL_UI_SERVER: ToolSpec = {
  name: 'temporal-ui-server',
  version: '2.42.1',
  envVar: 'TEMPORAL_UI_SERVER_PATH',
  relativeBin: 'bin/temporal-ui-server',
  builder: 'go',
  goPackage: 'github.com/temporalio/ui-server/v2/cmd/server',
};

export function toolDir(tool: ToolSpec): string {
  const revision = tool.buildRevision ? `-b${tool.buildRevision}` : '';
  return path.join(toolsCacheDir, `${tool.name}-${tool.version}${revision}`);
}
