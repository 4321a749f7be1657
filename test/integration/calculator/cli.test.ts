/**
 * The documented CLI examples (docs/calculator.md, and any the README or another docs/*.md page
 * shows), run as written: every `npm run ... calc` line of their sh blocks is executed by bash in
 * the project root. Each must exit as documented (0, or 1 when
 * the line says `# exits 1`); a text block right after a one-command sh block is its exact output;
 * and a `--json` answer for an example file must equal what the Lambda returns for that file.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { calculatorHandler } from '../../support/calculatorHarness';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const markdown = (page: string): string => readFileSync(join(root, page), 'utf8');

interface Example {
  command: string;
  expectedExit: number;
  expectedOutput?: string;
}

function cliExamples(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1],
    body: m[2]!,
    end: m.index + m[0].length,
  }));
  const examples: Example[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'sh') return;
    const commands = block.body.split('\n').filter((line) => /\bnpm run\b.*\bcalc\b/.test(line));
    const next = blocks[i + 1];
    const followedByOutput =
      next?.lang === 'text' && markdown.slice(block.end, markdown.indexOf('```text', block.end)).trim() === '';
    for (const command of commands) {
      examples.push({
        command,
        expectedExit: /#\s*exits 1\s*$/.test(command) ? 1 : 0,
        expectedOutput: followedByOutput && commands.length === 1 ? next!.body : undefined,
      });
    }
  });
  return examples;
}

const examples = pages.flatMap((page) => cliExamples(markdown(page)));
let lambdaAnswer: (request: unknown) => Promise<unknown>;

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  lambdaAnswer = calculatorHandler().invoke;
});

describe('documented CLI examples', () => {
  it('has the examples this test runs', () => {
    expect(cliExamples(markdown('docs/calculator.md')).length).toBeGreaterThanOrEqual(6);
    expect(examples.some((e) => e.expectedOutput !== undefined)).toBe(true);
  });

  it.each(examples)('$command', { timeout: 60_000 }, async ({ command, expectedExit, expectedOutput }) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
    delete env.TABLE_NAME;
    // No internet in tests: a request that needs today's market finds the sources unreachable
    // (a closed local port) and falls back to the bundled history at once.
    env.HASHWATCH_INGEST_CONFIG = JSON.stringify({ sources: { mempoolBaseUrl: 'http://127.0.0.1:9' } });
    const run = spawnSync('bash', ['-c', command], { cwd: root, env, encoding: 'utf8', timeout: 50_000 });
    expect(run.status, run.stderr).toBe(expectedExit);
    if (expectedOutput !== undefined) expect(run.stdout.trim()).toBe(expectedOutput.trim());
    if (command.includes('--json')) {
      const answer = JSON.parse(run.stdout) as unknown;
      const file = command.match(/examples\/[\w-]+\.json/)?.[0];
      if (file) expect(answer).toEqual(await lambdaAnswer(JSON.parse(readFileSync(join(root, file), 'utf8'))));
      else expect(answer).toHaveProperty(expectedExit === 0 ? 'fleet' : 'error');
    } else if (expectedExit === 0) {
      expect(run.stdout).toMatch(/^Fleet\s/m);
    }
  });
});
