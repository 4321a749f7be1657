/**
 * Every document the repository cites is in the repository: a `*.md` path named in any tracked text
 * file (code comments, test names, data sources, docs) must exist, and every relative link of a
 * markdown page must point at an existing file (and, with `#anchor`, at one of its headings). A user
 * who clones Hashwatch can follow every reference. Nothing may cite the team's folder outside the
 * repository either.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryFiles } from '../support/repositoryFiles';

const root = join(import.meta.dirname, '../..');

interface TextFile {
  path: string;
  text: string;
}

interface Broken {
  file: string;
  reference: string;
  problem: string;
}

function readText(path: string): string | undefined {
  const buffer = readFileSync(join(root, path));
  return buffer.includes(0) ? undefined : buffer.toString('utf8');
}

/** GitHub's heading anchor: lower case, punctuation dropped (but `-` and `_`), spaces to `-`. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/**
 * The references of `files` that do not resolve. A path with a folder resolves against the citing
 * file's folder or the repository root; a bare file name must be the name of some file of the
 * repository. Markdown links resolve against the page's folder, as a renderer resolves them.
 */
export function brokenReferences(
  files: TextFile[],
  exists: (path: string) => boolean,
  read: (path: string) => string,
): Broken[] {
  const names = new Set(files.map((f) => basename(f.path)));
  const broken: Broken[] = [];
  for (const file of files) {
    const dir = dirname(file.path);
    const withoutUrls = file.text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)"'`>\]]+/gi, ' ');
    for (const match of withoutUrls.matchAll(
      /(?<![\w./-])((?:\.{0,2}[\w-][\w.-]*\/|\.{1,2}\/)*[\w-][\w.-]*\.md)(?![\w-])/g,
    )) {
      const reference = match[1]!;
      const found = reference.includes('/')
        ? exists(normalize(join(dir, reference))) || exists(normalize(reference))
        : names.has(reference);
      if (!found) broken.push({ file: file.path, reference, problem: 'no such file in the repository' });
    }
    if (!file.path.endsWith('.md')) continue;
    for (const match of withoutUrls.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (/^(mailto:|tel:)/i.test(target)) continue;
      const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
      const targetPath = pathPart === '' ? file.path : normalize(join(dir, pathPart));
      if (targetPath.startsWith('..') || !exists(targetPath)) {
        broken.push({ file: file.path, reference: target, problem: 'link target does not exist' });
      } else if (anchor !== undefined && targetPath.endsWith('.md') && !headingAnchors(read(targetPath)).has(anchor)) {
        broken.push({ file: file.path, reference: target, problem: `no heading with anchor #${anchor}` });
      }
    }
  }
  return broken;
}

describe('references to documents', () => {
  const files = repositoryFiles(root)
    .map((path) => ({ path, text: readText(path) }))
    .filter((f): f is TextFile => f.text !== undefined);
  const onDisk = (path: string): boolean =>
    !relative(root, join(root, path)).startsWith('..') && existsSync(join(root, path));
  const fromDisk = (path: string): string => readFileSync(join(root, path), 'utf8');

  it('scans the code, the tests and the docs', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'docs/design.md', 'shared/domain/hashprice.ts']));
  });

  it('every cited *.md path and every markdown link exists in the repository', () => {
    expect(brokenReferences(files, onDisk, fromDisk)).toEqual([]);
  });

  it('nothing cites the team folder outside the repository', () => {
    const outside = ['', 'work', 'shared'].join('/');
    expect(files.filter((f) => f.text.includes(outside)).map((f) => f.path)).toEqual([]);
  });

  it('flags a cited page that is missing, a dead link and a dead anchor', () => {
    const page = (name: string): string => `${name}.md`;
    const synthetic: TextFile[] = [
      { path: 'shared/domain/x.ts', text: `// Formula: ${page('DESIGN')} §3, see also ${page('docs/design')} §3` },
      {
        path: page('docs/a'),
        text: `# A\n\n[ok](${page('b')}#b-title) [gone](${page('gone')}) [anchor](${page('b')}#nope) [web](https://example.com/${page('x')})`,
      },
      { path: page('docs/b'), text: '# B title\n' },
      { path: page('docs/design'), text: '# Design\n' },
    ];
    const known = new Set(synthetic.map((f) => f.path));
    const read = (path: string): string => synthetic.find((f) => f.path === path)!.text;
    expect(brokenReferences(synthetic, (p) => known.has(p), read)).toEqual([
      { file: 'shared/domain/x.ts', reference: page('DESIGN'), problem: 'no such file in the repository' },
      { file: page('docs/a'), reference: page('gone'), problem: 'no such file in the repository' },
      { file: page('docs/a'), reference: page('gone'), problem: 'link target does not exist' },
      { file: page('docs/a'), reference: `${page('b')}#nope`, problem: 'no heading with anchor #nope' },
    ]);
  });

  it('computes anchors as GitHub renders them', () => {
    const anchors = headingAnchors(
      '# Hashwatch\n## 3. Domain facts\n### Break-even power price\n## Compute config (`HASHWATCH_COMPUTE_CONFIG`)\n```sh\n# not a heading\n```\n## Tests\n## Tests\n',
    );
    expect([...anchors]).toEqual([
      'hashwatch',
      '3-domain-facts',
      'break-even-power-price',
      'compute-config-hashwatch_compute_config',
      'tests',
      'tests-1',
    ]);
  });
});
