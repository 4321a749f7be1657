/**
 * No filesystem path is taken from a URL's text (test/support/pathsFromUrls.ts): a file URL's
 * `pathname` keeps `%20` for a space and `%C3%A9` for `é`, so such a path breaks a checkout in
 * `~/My Projects/` or `~/café/`. Checked over every source file of the repository (product, local
 * tooling, tests, benches, configs); and the checker is shown to flag each way of doing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/importGraph';
import { pathsFromUrls } from '../../support/pathsFromUrls';
import { repositoryFiles } from '../../support/repositoryFiles';

const SOURCE = /\.[cm]?[jt]s$/;

describe('paths from module URLs', () => {
  const sources = repositoryFiles(REPO_ROOT).filter((f) => SOURCE.test(f));

  it('reads every source file: product, local tooling, tests, benches, configs', () => {
    expect(sources).toEqual(
      expect.arrayContaining([
        'shared/domain/hashprice.ts',
        'functions/compute/handler.ts',
        'infra/constructs/functionEntries.ts',
        'local/start.ts',
        'bench/run.ts',
        'test/support/importGraph.ts',
        'test/deployed/support/lambdaRuntime.mjs',
        'eslint.config.js',
        'vitest.config.ts',
      ]),
    );
  });

  it('no source file takes a filesystem path from a URL (fileURLToPath or import.meta.dirname instead)', () => {
    const found = sources.flatMap((f) => pathsFromUrls(f, readFileSync(join(REPO_ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('the checker', () => {
  const check = (source: string): string[] => pathsFromUrls('x.ts', source).map((f) => f.code);

  it('flags the pathname of a module URL, however it is reached', () => {
    expect(check(`export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');`)).toEqual([
      'new URL(import.meta.url).pathname',
    ]);
    expect(
      check(`const here = new URL('.', import.meta.url);\nconst up = new URL('..', here);\nuse(up.pathname);`),
    ).toEqual(['up.pathname']);
    expect(check(`const { pathname } = new URL('../data/', import.meta.url);`)).toEqual([
      `{ pathname } = new URL('../data/', import.meta.url)`,
    ]);
    expect(check(`import { pathToFileURL } from 'node:url';\nlog(pathToFileURL(p).pathname);`)).toEqual([
      'pathToFileURL(p).pathname',
    ]);
    expect(check(`const dir = import.meta.url.replace('file://', '');`)).toEqual([
      `import.meta.url.replace('file://', '')`,
    ]);
  });

  it('flags any pathname handed to fs, path, child_process or a URI decoder, directly or through a variable', () => {
    expect(check(`import { readdirSync } from 'node:fs';\nreaddirSync(u['pathname']);`)).toEqual([`u['pathname']`]);
    expect(check(`import * as path from 'node:path';\npath.join(decodeURI(u.pathname), 'x');`)).toEqual(['u.pathname']);
    expect(check(`import fs from 'fs';\nconst p = u.pathname + '/a';\nfs.readFileSync(p);`)).toEqual(['p']);
    expect(check(`import { spawn } from 'node:child_process';\nspawn('ls', [], { cwd: u.pathname });`)).toEqual([
      'u.pathname',
    ]);
    expect(check(`const { pathname: p } = u;\nopen(decodeURIComponent(p));`)).toEqual(['p']);
  });

  it('leaves alone the right ways, and the pathname of a web URL', () => {
    const fine = [
      `import { fileURLToPath } from 'node:url';\nconst ROOT = fileURLToPath(new URL('../..', import.meta.url));`,
      `import { readFileSync } from 'node:fs';\nreadFileSync(new URL('./a.csv', import.meta.url), 'utf8');`,
      `import { join } from 'node:path';\nconst root = join(import.meta.dirname, '..');`,
      `const api = apiOf(new URL(request.url, 'http://127.0.0.1').pathname);\nreturn { rawPath: url.pathname };`,
      `import { watch } from 'node:fs';\nwatch(dir, () => route(url.pathname));`,
      `// resolve(dirname(new URL(import.meta.url).pathname)) in a comment\nconst s = 'new URL(import.meta.url).pathname';`,
    ];
    for (const source of fine) expect(check(source), source).toEqual([]);
  });

  it('names the file and line of what it flags', () => {
    expect(pathsFromUrls('local/x.mjs', `\n\nconst p = new URL(import.meta.url).pathname;`)).toEqual([
      { at: 'local/x.mjs:3', code: 'new URL(import.meta.url).pathname' },
    ]);
  });
});
