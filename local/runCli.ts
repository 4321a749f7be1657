/**
 * Runs a command-line `main` when its module is the entry point (`tsx local/start.ts`), and turns
 * its result into the exit code: the exit code is main's, an unexpected error prints one line
 * (the message, no stack trace; HASHWATCH_DEBUG=1 prints the stack) and exits 1.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether `moduleUrl` is the script node was started with. Compared as file paths, not URL text:
 * a URL spells a space as `%20` (and other characters escaped), the argv path spells it raw.
 * Both sides go through realpath so that a symlinked checkout still matches.
 */
export function isEntryPoint(moduleUrl: string, argvPath: string | undefined = process.argv[1]): boolean {
  if (argvPath === undefined || !moduleUrl.startsWith('file:')) return false;
  const real = (path: string): string => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  return real(fileURLToPath(moduleUrl)) === real(argvPath);
}

/** The one line a CLI prints for an error it did not expect. */
export function describeUnexpectedError(error: unknown): string {
  if (process.env.HASHWATCH_DEBUG === '1' && error instanceof Error && error.stack) return error.stack;
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${message.split('\n')[0]} (set HASHWATCH_DEBUG=1 for the stack trace)`;
}

export function runWhenEntryPoint(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (!isEntryPoint(moduleUrl)) return;
  // Exit once stdout has drained: a large --json answer on a pipe is not cut short.
  const exit = (code: number): void => void process.stdout.write('', () => process.exit(code));
  main(process.argv.slice(2)).then(exit, (error: unknown) => {
    console.error(describeUnexpectedError(error));
    exit(1);
  });
}
