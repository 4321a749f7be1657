/**
 * The import graph of the project's TypeScript sources, read with a small parser (the `from '...'`
 * of import and export statements, and `import('...')`), so the architecture tests need no tool
 * beyond the repository. Relative specifiers are resolved to files; bare ones (packages, `node:`)
 * are kept as they are written. Each module's imports are also told apart by when they run: a
 * static import of values is evaluated with the module (`eager`), `import type` is erased, and
 * `import()` runs when it is called.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not the URL's pathname: that keeps a space as %20 (test/unit/architecture/pathsFromUrls.test.ts).
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ModuleImports {
  /** Repository-relative path of the importing file. */
  file: string;
  /** Repository-relative paths of the project files it imports. */
  local: string[];
  /** Package specifiers it imports (`zod`, `@aws-sdk/client-sns`, `node:crypto`). */
  packages: string[];
  /**
   * The project files of `local` evaluated with it: imported (or re-exported) by a static statement
   * that is not `import type` / `export type`. Under verbatimModuleSyntax (tsconfig.json) a
   * statement whose names are all inline `type` ones still loads its module, so it counts here.
   */
  eager: string[];
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
/** A static import or export-from statement: its `type` keyword, if any, and its specifier (no `;`, `=`, `(` or quote before `from`). */
const STATIC_STATEMENT = /^\s*(?:import|export)\s+(type\s+)?(?:[^;=()'"`]*?\bfrom\s*)?['"]([^'"]+)['"]/gm;

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolveLocal(fromFile: string, specifier: string): string | undefined {
  const base = resolve(REPO_ROOT, dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return found ? relative(REPO_ROOT, found) : undefined;
}

export function moduleImports(file: string): ModuleImports {
  return importsOfSource(file, readFileSync(join(REPO_ROOT, file), 'utf8'));
}

/** The imports of `file` whose text is `text` (moduleImports reads it from the repository). */
export function importsOfSource(file: string, text: string): ModuleImports {
  const source = stripComments(text);
  const local: string[] = [];
  const packages: string[] = [];
  const resolveOrThrow = (specifier: string): string => {
    const target = resolveLocal(file, specifier);
    if (!target) throw new Error(`${file}: cannot resolve import '${specifier}'`);
    return target;
  };
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1]!;
    if (specifier.startsWith('.')) local.push(resolveOrThrow(specifier));
    else packages.push(specifier);
  }
  const eager = [...source.matchAll(STATIC_STATEMENT)]
    .filter((match) => match[1] === undefined && match[2]!.startsWith('.'))
    .map((match) => resolveOrThrow(match[2]!));
  return { file, local: [...new Set(local)], packages: [...new Set(packages)], eager: [...new Set(eager)] };
}

/** The project files evaluated when `root` is: its eager imports, theirs, and so on (root included). */
export function eagerClosure(root: string): Set<string> {
  const reached = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    queue.push(...moduleImports(file).eager);
  }
  return reached;
}

/** Every .ts file under `dir` (repository-relative), sorted. */
export function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(REPO_ROOT, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** The graph of `roots` and every project file they reach. */
export function importGraph(roots: readonly string[]): Map<string, ModuleImports> {
  const graph = new Map<string, ModuleImports>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const imports = moduleImports(file);
    graph.set(file, imports);
    queue.push(...imports.local);
  }
  return graph;
}

/** The import cycles of the graph (each as the files around it, starting at its first file in sort order). */
export function importCycles(graph: ReadonlyMap<string, ModuleImports>): string[][] {
  // Tarjan's strongly connected components: any component of more than one file, or a file that
  // imports itself, is a cycle.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    indexOf.set(file, index);
    low.set(file, index);
    index += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file)?.local ?? []) {
      if (!graph.has(next)) continue;
      if (!indexOf.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, indexOf.get(next)!));
    }
    if (low.get(file) === indexOf.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || graph.get(file)!.local.includes(file)) cycles.push(component.sort());
    }
  };
  for (const file of [...graph.keys()].sort()) if (!indexOf.has(file)) visit(file);
  return cycles;
}
