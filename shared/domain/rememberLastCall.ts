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
  /**
   * How many leading arguments decide the result (default: all). The others must follow from
   * them: a value derived from the key arguments that is a new object at every call (a filtered
   * list, with its length as a key argument) would never match by Object.is.
   */
  keyArguments?: number,
): (...args: Args) => Result {
  let last: { args: Args; result: Result } | undefined;
  return (...args: Args): Result => {
    const compared = keyArguments ?? args.length;
    if (
      last &&
      last.args.length === args.length &&
      last.args.slice(0, compared).every((a, i) => Object.is(a, args[i]))
    ) {
      return last.result;
    }
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}
