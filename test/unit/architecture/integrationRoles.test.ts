/**
 * Every integration test runs the code under test with the deployed role of its function (issue
 * #22): a new harness cannot forget it. Read from the sources of test/integration/, test/scenario/
 * and the shared harnesses (test/support/*.ts):
 * - no bare `mockClient(` of aws-sdk-client-mock: a mock replaces `send`, so the evaluator's
 *   middleware would never run; `mockClientUnderRole` judges each mocked request by the role of
 *   the client that sends it (or the line before says why no deployed role applies);
 * - a file that imports a deployed entry point (functions/<fn>/handler, which builds its clients
 *   from the environment through the factory) gives those clients their roles (`underDeployedRoles`);
 * - the wiring of a handler (create...Handler / create...Dependencies, the calculator harness) never
 *   receives the test's own unrestricted client (`table.client`, a bare `client` of newTable()) nor
 *   a client built on the spot with `new <X>Client(`;
 * - a `new <X>Client(` of @aws-sdk in these files carries a role (attachIamRole on the same line),
 *   or the line before says why it needs none: `// no role: <reason>`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tsFilesUnder } from '../../support/importGraph';
import { awsClientConstructions } from '../../support/awsClientConstructions';

const NO_ROLE_REASON = /\/\/\s*no role:\s*\S.{9,}/;
const BARE_MOCK = /\bmockClient\s*\(/;
/** A value import (static or dynamic) of a deployed entry point; a type-only import builds nothing. */
const ENTRY_POINT_IMPORT =
  /(?:\bimport\s*\(\s*|\bimport\s+(?!type\b)[^;]*?\bfrom\s*)['"](?:\.\.\/)+functions\/(?:ingest|compute|calculator|api|notifier|power)\/handler['"]/;
const WIRING_CALL = /\b(?:create\w+(?:Handler|Dependencies)|calculatorHandler)\s*\(/g;
const UNRESTRICTED_CLIENT = /\btable\.client\b|\bdb\.client\b|[(,:]\s*client\s*[,)]|\bnew\s+\w+Client\s*\(/;

/** The text of the call's arguments: from the opening parenthesis to its balanced close. */
function argumentsAt(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    if (source[i] === '(') depth += 1;
    else if (source[i] === ')' && (depth -= 1) === 0) return source.slice(open, i + 1);
  }
  return source.slice(open);
}

const lineOf = (source: string, index: number): number => source.slice(0, index).split('\n').length;

/** Where `source` lets code under test call AWS without its deployed role: `line: rule`. */
export function clientsWithoutRole(source: string): string[] {
  const found: string[] = [];
  const lines = source.split('\n');
  lines.forEach((text, index) => {
    if (BARE_MOCK.test(text) && !/^\s*(?:\/\/|\*)/.test(text) && !NO_ROLE_REASON.test(lines[index - 1] ?? ''))
      found.push(`${index + 1}: aws-sdk-client-mock's mockClient (use mockClientUnderRole)`);
  });
  const entryPoint = ENTRY_POINT_IMPORT.exec(source);
  if (entryPoint && !/\bunderDeployedRoles\s*\(/.test(source))
    found.push(`${lineOf(source, entryPoint.index)}: a deployed entry point without underDeployedRoles`);
  for (const call of source.matchAll(WIRING_CALL)) {
    const args = argumentsAt(source, call.index + call[0].length - 1);
    if (UNRESTRICTED_CLIENT.test(args))
      found.push(`${lineOf(source, call.index)}: the test's unrestricted client wired into ${call[0].slice(0, -1)}`);
  }
  for (const construction of awsClientConstructions(source)) {
    const before = lines[construction.line - 2] ?? '';
    if (/\battachIamRole\s*\(/.test(construction.text) || NO_ROLE_REASON.test(before)) continue;
    found.push(`${construction.line}: ${construction.text} without a role`);
  }
  return found;
}

/** The integration and scenario test files and the shared harnesses. */
const FILES = [
  ...tsFilesUnder('test/integration'),
  ...tsFilesUnder('test/scenario'),
  ...tsFilesUnder('test/support').filter((file) => !file.slice('test/support/'.length).includes('/')),
];

describe('integration tests run the code under test with its deployed role', () => {
  it('no integration test, scenario or harness lets code under test call AWS without its role', () => {
    const offending = FILES.flatMap((file) =>
      clientsWithoutRole(readFileSync(join(REPO_ROOT, file), 'utf8')).map((finding) => `${file}:${finding}`),
    );
    expect(offending).toEqual([]);
  });

  it('reads the files it should (the harnesses among them)', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'test/integration/notify/notifier.test.ts',
        'test/integration/api/readApi.test.ts',
        'test/support/computeHarness.ts',
        'test/support/calculatorHarness.ts',
      ]),
    );
  });

  it('refuses a negative sample of each rule, and passes the same code under a role', () => {
    const refused = [
      "import { mockClient } from 'aws-sdk-client-mock';",
      "import { SNSClient } from '@aws-sdk/client-sns';",
      'const sns = mockClient(SNSClient);',
      "const { handler } = await import('../../../functions/notifier/handler');",
      'const h = createNotifierHandler({',
      '  deps: { ledger: new DynamoDeliveryLedger(table.client, table.tableName) },',
      '});',
      "const deps = createComputeDependencies({ dynamo: client, sns: new SNSClient({ region: 'us-east-1' }) });",
      "const c = calculatorHandler({ snapshots: new DynamoLatestSnapshotReader(client, 'x') });",
    ].join('\n');
    expect(clientsWithoutRole(refused).map((f) => f.split(':')[0])).toEqual(['3', '4', '5', '8', '9', '8']);
    const typeOnly = "import type { IngestSummary } from '../../../functions/ingest/handler';";
    expect(clientsWithoutRole(typeOnly)).toEqual([]);
    const underRole = [
      "import { SNSClient } from '@aws-sdk/client-sns';",
      "import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';",
      'const sns = mockClientUnderRole(SNSClient);',
      'underDeployedRoles({ tableName });',
      "const { handler } = await import('../../../functions/notifier/handler');",
      'const h = createNotifierHandler({',
      '  deps: { ledger: new DynamoDeliveryLedger(roleDynamoClient(table.endpoint, role), table.tableName) },',
      '});',
      'const deps = createComputeDependencies({ dynamo, sns: roleSnsClient(role) });',
      "const raw = attachIamRole(new SNSClient({ region: 'us-east-1' }), role);",
      '// no role: the client under test is the SDK itself, against a silent endpoint',
      "const stalled = new SNSClient({ region: 'us-east-1' });",
    ].join('\n');
    expect(clientsWithoutRole(underRole)).toEqual([]);
  });
});
