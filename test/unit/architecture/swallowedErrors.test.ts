/**
 * No error read as absence (issue #22): product code (shared/, functions/, infra/, local/) may not
 * swallow an error, i.e. `.catch(() => undefined)` and its relatives (`=> {}`, `=> null`,
 * `=> void 0`, with or without a parameter) or a `catch` block that is empty or only returns
 * nothing, unless the line before says why in a fixed form this check reads:
 *   // swallowed: <the reason swallowing is right here>
 * A failed read is never "not found": only a successful empty answer is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tsFilesUnder } from '../../support/importGraph';

const REASON = /\/\/\s*swallowed:\s*\S.{9,}/;
const SWALLOWING_CATCH_CALL =
  /\.catch\(\s*(?:\(\s*(?:\w+\s*(?::\s*\w+)?)?\s*\)|\w+)\s*=>\s*(?:undefined|null|void 0|\{\s*\})\s*\)/;
const SWALLOWING_CATCH_BLOCK =
  /\bcatch\s*(?:\(\s*\w*\s*(?::\s*\w+)?\s*\))?\s*\{(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:return(?:\s+(?:undefined|null|void 0))?\s*;?(?:\s|\/\/[^\n]*\n)*)?\}/g;

/** The swallows in `source` without a reason on the line before (or the same line), with their line numbers. */
export function unexplainedSwallows(source: string): number[] {
  const lines = source.split('\n');
  const explained = (line: number) => REASON.test(lines[line - 1] ?? '') || REASON.test(lines[line - 2] ?? '');
  const found = new Set<number>();
  lines.forEach((text, index) => {
    if (SWALLOWING_CATCH_CALL.test(text)) found.add(index + 1);
  });
  for (const match of source.matchAll(SWALLOWING_CATCH_BLOCK)) {
    found.add(source.slice(0, match.index).split('\n').length);
  }
  return [...found].filter((line) => !explained(line)).sort((a, b) => a - b);
}

describe('no error swallowed without a written reason', () => {
  it('product code swallows no error without a "// swallowed: <reason>" on the line before', () => {
    const offending = ['shared', 'functions', 'infra', 'local']
      .flatMap(tsFilesUnder)
      .flatMap((file) => unexplainedSwallows(readFileSync(join(REPO_ROOT, file), 'utf8')).map((l) => `${file}:${l}`));
    expect(offending).toEqual([]);
  });

  it('refuses a negative sample of each form, and passes the same code with a reason', () => {
    const sample = [
      'await read().catch(() => undefined);',
      'await read().catch(() => {});',
      'await read().catch((_e) => null);',
      'await read().catch((e: unknown) => void 0);',
      'try { await read(); } catch {}',
      'try { await read(); } catch (error) {',
      '  return undefined;',
      '}',
      'try { await read(); } catch {',
      '  // nothing',
      '  return;',
      '}',
      'await read().catch((e) => log(e));',
      'try { await read(); } catch (error) { throw wrap(error); }',
    ].join('\n');
    expect(unexplainedSwallows(sample)).toEqual([1, 2, 3, 4, 5, 6, 9]);
    const explained =
      '// swallowed: cancelling a body we are abandoning; its own error changes nothing\nawait body.cancel().catch(() => undefined);';
    expect(unexplainedSwallows(explained)).toEqual([]);
  });
});
