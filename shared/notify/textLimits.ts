/**
 * Fitting text into a chat API's limits without breaking it: cuts never split a surrogate pair
 * (an emoji or a non-BMP character), are marked with an ellipsis, and work on the plain text
 * before escaping, so an escape sequence (&amp;) is never cut in half. Lengths are JavaScript
 * string lengths (UTF-16 code units), which is what the APIs count or an upper bound of it.
 */

export const ELLIPSIS = '…';

/** `text` cut to at most `max` code units, ending in an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - ELLIPSIS.length;
  // Do not leave half of a surrogate pair at the end.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, Math.max(cut, 0))}${ELLIPSIS}`;
}

/**
 * The rendering (e.g. HTML-escaped) of the longest cut of `plain` whose rendering fits in `max`,
 * or undefined when not even an ellipsis fits.
 */
export function fitRendered(plain: string, max: number, render: (text: string) => string): string | undefined {
  const whole = render(plain);
  if (whole.length <= max) return whole;
  // Rendering only grows text, so the fitting cut is at most `max` long: search downwards.
  let low = 0;
  let high = Math.min(plain.length, max);
  let best: string | undefined;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const candidate = render(truncate(plain, mid));
    if (candidate.length <= max && mid > 0) {
      best = candidate;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best;
}

/**
 * Joins the head, then as many of the body parts as fit, then the tail (the head and tail are
 * always kept: the headline and the event id; they come rendered, the plain body parts are
 * rendered here). A body part that does not fit whole is cut to the room left; later parts are
 * dropped and an ellipsis line says so.
 */
export function joinWithin(
  parts: { head: string[]; body: string[]; tail: string[] },
  max: number,
  separator: string,
  render: (text: string) => string = (t) => t,
): string {
  const { head, tail } = parts;
  const fixed = [...head, ...tail];
  let used = fixed.reduce((n, p) => n + p.length, 0) + separator.length * Math.max(fixed.length - 1, 0);
  const body: string[] = [];
  for (const [index, part] of parts.body.entries()) {
    const room = max - used - separator.length;
    const rendered = render(part);
    if (rendered.length <= room) {
      body.push(rendered);
      used += separator.length + rendered.length;
      continue;
    }
    const cut = fitRendered(part, room, render);
    if (cut !== undefined && cut.length > ELLIPSIS.length) body.push(cut);
    else if (index > 0 && room >= ELLIPSIS.length) body.push(ELLIPSIS);
    break;
  }
  return [...head, ...body, ...tail].join(separator);
}
