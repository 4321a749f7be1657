/**
 * The CLI on stored data: with TABLE_NAME (and AWS_ENDPOINT_URL_DYNAMODB, the SDK's own variable, for DynamoDB Local) it prices on
 * the latest stored snapshot, like the Lambda; and it refuses wrong usage with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import { useDynamoLocal } from '../../support/dynamoTable';
import { putSnapshotItem, snapshotAt } from '../../support/networkSnapshotItem';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const db = useDynamoLocal();

function calc(args: string[], input: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    ...extraEnv,
  };
  return spawnSync('npm', ['run', '--silent', 'calc', '--', ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
    timeout: 50_000,
  });
}

describe('calc CLI', () => {
  it('prices on the latest snapshot stored in the table named by TABLE_NAME', { timeout: 60_000 }, async () => {
    const { client, tableName, endpoint } = await db.newTable();
    await putSnapshotItem(client, tableName, snapshotAt('2026-11-25T12:00:00Z', { btcPriceUsd: 91_000 }));
    const run = calc(
      ['--json'],
      JSON.stringify({ machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 }),
      {
        TABLE_NAME: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as CalculatorResponse;
    expect(answer.market.btcPriceUsd).toBe(91_000);
    expect(answer.market.snapshot?.intervalStart).toBe('2026-11-25T12:00:00Z');
    expect(run.stderr.replace(/\n {8}/g, ' ')).toContain(
      `Market: the latest snapshot in table ${tableName} at ${endpoint}, observed `,
    );
    // The older name still works.
    const legacy = calc(
      ['--json'],
      JSON.stringify({ machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 }),
      {
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: endpoint,
      },
    );
    expect(legacy.status, legacy.stderr).toBe(0);
    expect((JSON.parse(legacy.stdout) as CalculatorResponse).market.btcPriceUsd).toBe(91_000);
  });

  it('exits 2 on an unknown option or an unreadable file', { timeout: 60_000 }, () => {
    const option = calc(['--jsn', 'examples/calc-s19xp.json'], '');
    expect(option.status).toBe(2);
    expect(option.stderr.trim()).toBe('calc: unknown option --jsn; see npm run calc -- --help');
    const missing = calc(['examples/no-such-file.json'], '');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read examples/no-such-file.json');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help lists the options, the environment and examples', { timeout: 60_000 }, () => {
    const help = calc(['--help'], '');
    expect(help.status).toBe(0);
    for (const part of [
      '--json',
      '--wide',
      '--offline',
      'TABLE_NAME',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'HASHWATCH_INGEST_CONFIG',
      'Examples:',
    ]) {
      expect(help.stdout).toContain(part);
    }
  });
});
