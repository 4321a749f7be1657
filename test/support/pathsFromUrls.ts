/**
 * Finds filesystem paths taken from a URL's text. A file URL keeps its escapes in `pathname`
 * (`/with%20space/`, `/caf%C3%A9/`), so a path made from it names a folder that does not exist once
 * the checkout's path holds a space or a non-ASCII letter. `fileURLToPath` (or
 * `import.meta.dirname` / `import.meta.filename`) is the one way from a module URL to a path; fs
 * functions also take the URL object itself. Read from the syntax tree, so comments and strings
 * never count. Flagged:
 * - the `pathname` of a file URL: `new URL(..., import.meta.url).pathname`, `pathToFileURL(p).pathname`,
 *   or of a variable holding one (`const { pathname } = new URL(import.meta.url)` too);
 * - any `.pathname` handed to a node:fs, node:path or node:child_process function, or to
 *   decodeURI / decodeURIComponent: directly, nested (`resolve(dirname(u.pathname))`), or through a
 *   variable set from it;
 * - `import.meta.url` cut into a path by string methods (`import.meta.url.replace('file://', '')`).
 */
import ts from 'typescript';

export interface PathFromUrl {
  /** `file:line`, line counted from 1. */
  at: string;
  /** The offending expression as written. */
  code: string;
}

const PATH_MODULES = new Set(
  ['fs', 'fs/promises', 'path', 'path/posix', 'child_process'].flatMap((m) => [m, `node:${m}`]),
);
const DECODERS = new Set(['decodeURI', 'decodeURIComponent']);
const STRING_CUTS = new Set(['replace', 'replaceAll', 'slice', 'substring', 'substr', 'split']);

function scriptKind(fileName: string): ts.ScriptKind {
  return /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function bare(node: ts.Expression): ts.Expression {
  let e = node;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isAwaitExpression(e) ||
    ts.isSatisfiesExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

function isImportMetaUrl(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'url' &&
    ts.isMetaProperty(node.expression) &&
    node.expression.keywordToken === ts.SyntaxKind.ImportKeyword
  );
}

/** `x.pathname` or `x['pathname']`: its receiver, else undefined. */
function pathnameReceiver(node: ts.Node): ts.Expression | undefined {
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'pathname') return node.expression;
  if (
    ts.isElementAccessExpression(node) &&
    ts.isStringLiteralLike(node.argumentExpression) &&
    node.argumentExpression.text === 'pathname'
  ) {
    return node.expression;
  }
  return undefined;
}

function containsPathname(node: ts.Node): boolean {
  return pathnameReceiver(node) !== undefined || (ts.forEachChild(node, containsPathname) ?? false);
}

export function pathsFromUrls(fileName: string, source: string): PathFromUrl[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, scriptKind(fileName));

  // The names by which this file calls node:fs, node:path and node:child_process.
  const pathFunctions = new Set<string>();
  const pathNamespaces = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!PATH_MODULES.has(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause?.name) pathNamespaces.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) pathNamespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const b of bindings.elements) pathFunctions.add(b.name.text);
  }

  const declarations: ts.VariableDeclaration[] = [];
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer) declarations.push(node);
    ts.forEachChild(node, collect);
  };
  collect(file);

  // Variables holding a file URL, and variables set from some `.pathname` (to a fixed point: a
  // file URL may be built from another).
  const fileUrlNames = new Set<string>();
  const pathnameNames = new Set<string>();
  const isFileUrl = (node: ts.Expression): boolean => {
    const e = bare(node);
    if (ts.isIdentifier(e)) return fileUrlNames.has(e.text);
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL') {
      return (e.arguments ?? []).some(
        (a) => isImportMetaUrl(bare(a)) || isFileUrl(a) || (ts.isStringLiteralLike(a) && a.text.startsWith('file:')),
      );
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      return name === 'pathToFileURL';
    }
    return false;
  };
  for (let changed = true; changed;) {
    changed = false;
    const mark = (names: Set<string>, name: string): void => {
      if (names.has(name)) return;
      names.add(name);
      changed = true;
    };
    for (const d of declarations) {
      if (ts.isIdentifier(d.name)) {
        if (isFileUrl(d.initializer!)) mark(fileUrlNames, d.name.text);
        if (containsPathname(d.initializer!)) mark(pathnameNames, d.name.text);
      } else if (ts.isObjectBindingPattern(d.name)) {
        for (const b of d.name.elements) {
          if ((b.propertyName ?? b.name).getText(file) === 'pathname' && ts.isIdentifier(b.name)) {
            mark(pathnameNames, b.name.text);
          }
        }
      }
    }
  }

  const findings: PathFromUrl[] = [];
  const flag = (node: ts.Node): void => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    findings.push({ at: `${fileName}:${line}`, code: node.getText(file) });
  };

  /** Whether `node` sits in the arguments of a call to a path, fs or child-process function or a URI decoder. */
  const inPathCall = (node: ts.Node): boolean => {
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isFunctionLike(parent)) return false; // a callback's body is not the call's argument
      if (!(ts.isCallExpression(parent) || ts.isNewExpression(parent)) || parent.expression === child) continue;
      const callee = parent.expression;
      if (ts.isIdentifier(callee) && (pathFunctions.has(callee.text) || DECODERS.has(callee.text))) return true;
      if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        pathNamespaces.has(callee.expression.text)
      ) {
        return true;
      }
    }
    return false;
  };

  const visit = (node: ts.Node): void => {
    const receiver = pathnameReceiver(node);
    if (receiver && (isFileUrl(receiver) || inPathCall(node))) flag(node);
    else if (
      ts.isIdentifier(node) &&
      pathnameNames.has(node.text) &&
      !(ts.isVariableDeclaration(node.parent) && node.parent.name === node) &&
      inPathCall(node)
    ) {
      flag(node);
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      isFileUrl(node.initializer) &&
      node.name.elements.some((b) => (b.propertyName ?? b.name).getText(file) === 'pathname')
    ) {
      flag(node);
    } else if (
      ts.isPropertyAccessExpression(node) &&
      STRING_CUTS.has(node.name.text) &&
      isImportMetaUrl(bare(node.expression))
    ) {
      flag(node.parent);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}
