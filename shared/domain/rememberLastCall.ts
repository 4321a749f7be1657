/**
 * Remembers a pure function's last call: called again with the same arguments (each the same value
 * or the same object, Object.is), it returns the last result instead of computing it again.
 *
 * Why: the backtest and the simulation judge 144 snapshots a day, and figures that change once a
 * day or once a month (the hash ribbons over closed days, the listed miners' published periods)
 * were recomputed for each of them; their cost grew with the history and made a 4-year 10-minute
 * backtest three times slower than its target. A Lambda invocation calls these once, so the one
 * remembered entry costs it nothing. The result is shared between callers: treat it as read-only.
 */
export function rememberLastCall<Args extends readonly unknown[], Result>(
  fn: (...args: Args) => Result,
): (...args: Args) => Result {
  let last: { args: Args; result: Result } | undefined;
  return (...args: Args): Result => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) {
      return last.result;
    }
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}
