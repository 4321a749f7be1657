/**
 * `npm run openapi`: writes docs/openapi.json, the OpenAPI 3.1 document the read API serves at
 * GET /v1/openapi.json (generated from the routes' zod schemas, shared/api/openApi.ts), formatted
 * as the repository's Prettier formats JSON (so `npm run lint` passes on it). The file is for
 * readers and client generators that do not run an installation; test/docs/openapi.test.ts fails
 * when it differs from a fresh generation, so a schema change without `npm run openapi` cannot be
 * committed green.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { openApiText } from '../../shared/api/openApi';
import { runWhenEntryPoint } from '../runCli';

export const OPENAPI_FILE = join(import.meta.dirname, '..', '..', 'docs', 'openapi.json');

/** The file's expected text: the served document, as Prettier writes it. */
export async function openApiFileText(file: string = OPENAPI_FILE): Promise<string> {
  return format(openApiText(), { ...(await resolveConfig(file)), filepath: file });
}

export async function main(): Promise<number> {
  const next = await openApiFileText();
  if (existsSync(OPENAPI_FILE) && readFileSync(OPENAPI_FILE, 'utf8') === next) {
    console.log(`${OPENAPI_FILE} is up to date`);
  } else {
    writeFileSync(OPENAPI_FILE, next);
    console.log(`wrote ${OPENAPI_FILE}`);
  }
  return 0;
}

runWhenEntryPoint(import.meta.url, main);
