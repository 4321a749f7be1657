/**
 * The real thing, offline: the `cdk` CLI runs the app, esbuild bundles each function, cdk-nag
 * validates, and the cloud assembly is written. No credentials, no network, no Docker.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Just what these tests read from a resource. */
interface CfnResource {
  Type: string;
  Properties: { Code: { S3Key: string }; Endpoint: string };
}

const root = join(import.meta.dirname, '../..');
const outdir = mkdtempSync(join(tmpdir(), 'hashwatch-cdk-out-'));
const cdkHome = mkdtempSync(join(tmpdir(), 'hashwatch-cdk-home-'));
let output = '';

describe('npx cdk synth (offline, with esbuild bundling)', () => {
  beforeAll(() => {
    output = execFileSync(
      'npx',
      [
        'cdk',
        'synth',
        '--quiet',
        '--app',
        'npx tsx test/infra/fixtures/fixtureApp.ts',
        '--output',
        outdir,
        '-c',
        'config=hashwatch.config.example.json',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          CDK_DISABLE_CLI_TELEMETRY: '1',
          CDK_HOME: cdkHome,
          // No credentials: the synth must not need any.
          AWS_ACCESS_KEY_ID: '',
          AWS_SECRET_ACCESS_KEY: '',
          AWS_PROFILE: '',
        },
        timeout: 240_000,
      },
    );
  }, 240_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(cdkHome, { recursive: true, force: true });
  });

  it('writes both templates', () => {
    expect(existsSync(join(outdir, 'Hashwatch-Stateful.template.json'))).toBe(true);
    expect(existsSync(join(outdir, 'Hashwatch-Stateless.template.json'))).toBe(true);
    expect(output).not.toMatch(/AwsSolutions-/);
  });

  it('bundles each function as minified ESM with a source map (without sources), AWS SDK included', () => {
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const bundles = assets.filter((dir) => existsSync(join(outdir, dir, 'index.mjs')));
    expect(bundles.length).toBeGreaterThanOrEqual(1);
    for (const dir of bundles) {
      const code = readFileSync(join(outdir, dir, 'index.mjs'), 'utf8');
      const map = JSON.parse(readFileSync(join(outdir, dir, 'index.mjs.map'), 'utf8')) as {
        sources: string[];
        sourcesContent?: unknown;
      };
      expect(map.sources.length).toBeGreaterThan(0);
      // The sources themselves stay out of the zip; positions are enough for stack traces.
      expect(map.sourcesContent).toBeUndefined();
      expect(code).toMatch(/export\s*\{[^}]*handler/);
      expect(code).toContain('createRequire');
      // Minified: long lines (unminified esbuild output averages under 40 characters a line).
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
      expect(code).toContain('DynamoDB');
    }
  });

  it('points every function at its bundle with the config from the file', () => {
    const template = JSON.parse(readFileSync(join(outdir, 'Hashwatch-Stateless.template.json'), 'utf8'));
    const functions = Object.values(template.Resources as Record<string, CfnResource>).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    // ingest, compute, calculator, api, and the notifier (the example config has notification channels).
    expect(functions).toHaveLength(5);
    for (const fn of functions) expect(fn.Properties.Code.S3Key).toMatch(/^[0-9a-f]{64}\.zip$/);
    const stateful = JSON.parse(readFileSync(join(outdir, 'Hashwatch-Stateful.template.json'), 'utf8'));
    const endpoints = Object.values(stateful.Resources as Record<string, CfnResource>)
      .filter((r) => r.Type === 'AWS::SNS::Subscription')
      .map((r) => r.Properties.Endpoint)
      .sort();
    expect(endpoints).toEqual(['https://hooks.example.com/hashwatch', 'miner@example.com', 'ops@example.com']);
  });
});
