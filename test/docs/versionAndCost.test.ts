/**
 * Figures one document repeats from another's home: the package's version is the CHANGELOG's newest
 * numbered release, and docs/deploy.md's monthly cost is docs/cost.md's (a review found deploy.md at
 * $1.13 and $0.13 while cost.md, and the cost bench, said $0.25 and $1.25).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

describe('figures repeated across documents', () => {
  it("package.json's version is the newest numbered section of CHANGELOG.md", () => {
    const version = (JSON.parse(read('package.json')) as { version: string }).version;
    const newest = /^## \[(\d+\.\d+\.\d+)\]/m.exec(read('CHANGELOG.md'))?.[1];
    expect(newest).toBeDefined();
    expect(version).toBe(newest);
  });

  it("docs/deploy.md states docs/cost.md's monthly totals, at the defaults and with the customer-managed key", () => {
    const cost = read('docs/cost.md');
    const atDefaults = /With the defaults, Hashwatch costs about \$(\d+\.\d\d) a month/.exec(cost)?.[1];
    const withKey = /With `topicEncryption: "customer-managed"`, it costs about \$(\d+\.\d\d) a month/.exec(cost)?.[1];
    expect(atDefaults).toBeDefined();
    expect(withKey).toBeDefined();
    const deploy = read('docs/deploy.md');
    const stated =
      /About \$(\d+\.\d\d) a month at the defaults, \$(\d+\.\d\d) with `topicEncryption: "customer-managed"`/.exec(
        deploy,
      );
    expect(stated?.slice(1)).toEqual([atDefaults, withKey]);
  });
});
