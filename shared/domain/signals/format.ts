/** Number formatting for alert texts: rounding happens here, at the edge, and nowhere else. */

export function usd(value: number, digits = 0): string {
  const text = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return value < 0 && Number(text.replace(/,/g, '')) !== 0 ? `-$${text}` : `$${text}`;
}

/**
 * A daily amount: whole dollars from $10 up, cents below (so a loss of 42 cents reads "$0.42",
 * never "$0"), "under $0.01" for a non-zero amount that rounds to nothing.
 */
export function usdAmount(value: number): string {
  const abs = Math.abs(value);
  if (abs > 0 && abs < 0.005) return 'under $0.01';
  return usd(value, abs < 10 ? 2 : 0);
}

export function signedPct(value: number, digits = 2): string {
  const fixed = value.toFixed(digits);
  return value > 0 ? `+${fixed}%` : `${fixed}%`;
}

export function pct(value: number, digits = 1): string {
  return `${value.toFixed(digits)}%`;
}

export function centsPerKwh(usdPerKwh: number): string {
  return `${(usdPerKwh * 100).toFixed(2)} c/kWh`;
}

export function ehs(hps: number): string {
  return `${(hps / 1e18).toFixed(1)} EH/s`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st... */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}
