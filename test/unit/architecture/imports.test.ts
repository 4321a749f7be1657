/**
 * The architecture's rules, read from the import graph (test/support/importGraph.ts):
 * - the domain (shared/domain) is pure: it imports no config, no bundled data, no adapter, no use
 *   case and no AWS package; its config types live with it and the zod schemas satisfy them;
 * - zod comes from one home (shared/schema/z.ts: zod/mini with English messages), which imports
 *   nothing but zod, and nothing else imports the zod package;
 * - the stored model (shared/store: keys, item schemas, mappers, stream filter) is pure mapping: no
 *   AWS package, and none of its users (compute, the read API, the adapters, the functions);
 * - the read API (shared/api) reads records through the store, never from the compute;
 * - nothing the product ships (functions/, shared/, infra/) imports dev tooling (local/) or tests;
 * - no import cycles anywhere in shared/, functions/ and local/;
 * - the read API's cold start evaluates no schema of its answers: those live in
 *   shared/api/responses/ and only the OpenAPI document reads them, which the router imports when
 *   GET /v1/openapi.json is first asked (shared/api/routeResponses.ts says why).
 */
import { describe, expect, it } from 'vitest';
import {
  eagerClosure,
  importCycles,
  importGraph,
  importsOfSource,
  moduleImports,
  tsFilesUnder,
  type ModuleImports,
} from '../../support/importGraph';

const DOMAIN_MAY_IMPORT_PACKAGES = new Set(['node:crypto']);
/** The project's zod (zod/mini, English locale registered): a leaf every layer may import. */
const ZOD_HOME = 'shared/schema/z.ts';

describe('import rules', () => {
  const domain = tsFilesUnder('shared/domain').map(moduleImports);

  it('reads the whole domain (the parser finds its files and imports)', () => {
    expect(domain.length).toBeGreaterThan(30);
    expect(domain.find((m) => m.file === 'shared/domain/signals/evaluateSignals.ts')?.local).toContain(
      'shared/domain/signals/detectors/index.ts',
    );
  });

  it('zod comes from its one home, which imports only zod', () => {
    const everyModule = ['functions', 'shared', 'infra', 'local', 'test', 'bench']
      .flatMap(tsFilesUnder)
      .map(moduleImports);
    const home = everyModule.find((m) => m.file === ZOD_HOME);
    expect(home?.packages.sort()).toEqual(['zod/mini', 'zod/v4/locales/en.js']);
    expect(home?.local).toEqual([]);
    expect(everyModule.filter((m) => m.local.includes(ZOD_HOME)).length).toBeGreaterThan(80);
    const direct = everyModule
      .filter((m) => m.file !== ZOD_HOME && m.packages.some((p) => p === 'zod' || p.startsWith('zod/')))
      .map((m) => m.file);
    expect(direct).toEqual([]);
  });

  it('the domain imports only the domain, the project zod and node:crypto', () => {
    const outside = domain.flatMap((m) =>
      m.local.filter((f) => !f.startsWith('shared/domain/') && f !== ZOD_HOME).map((f) => `${m.file} -> ${f}`),
    );
    expect(outside).toEqual([]);
    const packages = domain.flatMap((m) =>
      m.packages.filter((p) => !DOMAIN_MAY_IMPORT_PACKAGES.has(p)).map((p) => `${m.file} -> ${p}`),
    );
    expect(packages).toEqual([]);
  });

  it('the stored model imports only the domain, its own modules, the ingest ports and the project zod', () => {
    const store = tsFilesUnder('shared/store').map(moduleImports);
    expect(store.map((m) => m.file)).toContain('shared/store/profitabilityRecord.ts');
    const outside = store.flatMap((m) =>
      m.local
        .filter(
          (f) =>
            ![ZOD_HOME, 'shared/domain/', 'shared/store/', 'shared/ingest/ports.ts'].some((ok) => f.startsWith(ok)),
        )
        .map((f) => `${m.file} -> ${f}`),
    );
    expect(outside).toEqual([]);
    const packages = store.flatMap((m) => m.packages.map((p) => `${m.file} -> ${p}`));
    expect(packages).toEqual([]);
  });

  it('the read API reads no record from the compute', () => {
    const api = tsFilesUnder('shared/api').map(moduleImports);
    const records = api.flatMap((m) =>
      m.local.filter((f) => f === 'shared/compute/profitabilityRecord.ts').map((f) => `${m.file} -> ${f}`),
    );
    expect(records).toEqual([]);
  });

  it('the product (functions, shared, infra) imports neither local/ tooling nor tests', () => {
    const product = ['functions', 'shared', 'infra'].flatMap(tsFilesUnder).map(moduleImports);
    const offending = product.flatMap((m) =>
      m.local.filter((f) => f.startsWith('local/') || f.startsWith('test/')).map((f) => `${m.file} -> ${f}`),
    );
    expect(offending).toEqual([]);
  });

  it("the read API's cold start evaluates neither the OpenAPI document nor any answer schema; its first GET /v1/openapi.json does", () => {
    const lazy = (file: string) =>
      ['shared/api/openApi.ts', 'shared/api/routeResponses.ts'].includes(file) ||
      file.startsWith('shared/api/responses/');
    const answers = tsFilesUnder('shared/api/responses');
    expect(answers).toContain('shared/api/responses/latestResponse.ts');
    // Every answer schema is reached by the function, counting import() and type imports...
    const reachable = [...importGraph(['functions/api/handler.ts']).keys()];
    expect(reachable.filter(lazy).sort()).toEqual(
      ['shared/api/openApi.ts', 'shared/api/routeResponses.ts', ...answers].sort(),
    );
    // ...through the router's import() of the document...
    expect(moduleImports('shared/api/router.ts').local).toContain('shared/api/openApi.ts');
    expect(moduleImports('shared/api/router.ts').eager).not.toContain('shared/api/openApi.ts');
    // ...and none is evaluated with the handler.
    const coldStart = [...eagerClosure('functions/api/handler.ts')];
    expect(coldStart).toContain('shared/api/latest.ts');
    expect(coldStart.filter(lazy)).toEqual([]);
  });

  it('has no import cycles (type-only imports included)', () => {
    const graph = importGraph(['shared', 'functions', 'local'].flatMap(tsFilesUnder));
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the cycle finder', () => {
  const node = (file: string, local: string[]): [string, ModuleImports] => [
    file,
    { file, local, packages: [], eager: local },
  ];

  it('finds a two-file cycle and a longer one, and nothing in a tree', () => {
    const graph = new Map([
      node('a.ts', ['b.ts']),
      node('b.ts', ['a.ts', 'c.ts']),
      node('c.ts', ['d.ts']),
      node('d.ts', ['e.ts']),
      node('e.ts', ['c.ts']),
      node('f.ts', ['c.ts']),
    ]);
    expect(importCycles(graph)).toEqual([
      ['c.ts', 'd.ts', 'e.ts'],
      ['a.ts', 'b.ts'],
    ]);
    expect(importCycles(new Map([node('a.ts', ['b.ts', 'c.ts']), node('b.ts', ['c.ts']), node('c.ts', [])]))).toEqual(
      [],
    );
  });
});

describe('the import reader', () => {
  it('tells the imports a module evaluates with it from type-only ones and import()', () => {
    const source = [
      "IMPORT type { LatestView } FROM './responses/latestResponse';",
      "IMPORT { type SignalsView } FROM './responses/signalsResponse';",
      "IMPORT {\n  readLatest,\n  type LatestStateReader,\n} FROM './latest';",
      "EXPORT type { SitesView } FROM './responses/sitesResponse';",
      "EXPORT * FROM './history';",
      "IMPORT './miners';",
      'EXPORT const answer = { pattern: /from/ };',
      "const text = async () => (await IMPORT('./openApi')).openApiText();",
      "IMPORT * as z FROM '../schema/z';",
    ]
      .join('\n')
      // Written in capitals here, so that reading this test file's own imports does not take these for them.
      .replace(/\b(IMPORT|EXPORT|FROM)\b/g, (word) => word.toLowerCase());
    const read = importsOfSource('shared/api/example.ts', source);
    expect(read.local.sort()).toEqual(
      [
        'shared/api/responses/latestResponse.ts',
        'shared/api/responses/signalsResponse.ts',
        'shared/api/latest.ts',
        'shared/api/responses/sitesResponse.ts',
        'shared/api/history.ts',
        'shared/api/miners.ts',
        'shared/api/openApi.ts',
        'shared/schema/z.ts',
      ].sort(),
    );
    // An inline `type` alone still loads its module under verbatimModuleSyntax.
    expect(read.eager.sort()).toEqual(
      [
        'shared/api/responses/signalsResponse.ts',
        'shared/api/latest.ts',
        'shared/api/history.ts',
        'shared/api/miners.ts',
        'shared/schema/z.ts',
      ].sort(),
    );
  });
});
