/**
 * A normalized snapshot of both templates at a representative config: any change to the deployed
 * infrastructure shows up as a reviewable diff. Normalized: asset hashes (they change with the CDK
 * version and the bundled code) and the CDK metadata resource are replaced.
 */
import { describe, expect, it } from 'vitest';
import { build } from './support';

function normalize(template: Record<string, unknown>): string {
  const text = JSON.stringify(template, null, 2).replace(
    /[0-9a-f]{64}(\.zip)?/g,
    (_m, zip: string | undefined) => `<asset-hash>${zip ?? ''}`,
  );
  const parsed = JSON.parse(text) as { Resources: Record<string, { Type: string }> };
  for (const [id, resource] of Object.entries(parsed.Resources)) {
    if (resource.Type === 'AWS::CDK::Metadata') delete parsed.Resources[id];
  }
  return `${JSON.stringify(parsed, null, 2)}\n`;
}

describe('template snapshot', () => {
  const { stateful$, stateless$ } = build({
    alarmEmail: 'ops@example.com',
    subscriptions: [
      { email: 'miner@example.com', filter: { minSeverity: 'critical' } },
      {
        url: 'https://hooks.example.com/hashwatch',
        filter: { signals: ['fleet-share-negative'], minSeverity: 'warning' },
      },
    ],
  });

  it('stateful stack', async () => {
    await expect(normalize(stateful$.toJSON())).toMatchFileSnapshot('__snapshots__/stateful.template.json');
  });

  it('stateless stack', async () => {
    await expect(normalize(stateless$.toJSON())).toMatchFileSnapshot('__snapshots__/stateless.template.json');
  });
});
