/**
 * For the tests of the deployed entry points, which are wired from the environment exactly as in
 * Lambda: the variables a test sets are saved first and put back after it.
 */

/** Saves `keys` of process.env now; the returned function restores them (unset ones are deleted). */
export function savedEnv(keys: readonly string[]): () => void {
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  return () => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}
