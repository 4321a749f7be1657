/**
 * Runs a command-line `main` when its module is the entry point (`tsx local/start.ts`), and turns
 * its result into the exit code: the exit code is main's, an unexpected error prints and exits 1.
 */
export function runWhenEntryPoint(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
