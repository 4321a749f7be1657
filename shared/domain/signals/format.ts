/**
 * Number formatting for alert texts (percentages, hashrate, ordinals): rounding happens here, at the
 * edge. Money is formatted by shared/domain/money.ts through the text currency (moneyText.ts).
 */

export function signedPct(value: number, digits = 2): string {
  const fixed = value.toFixed(digits);
  return value > 0 ? `+${fixed}%` : `${fixed}%`;
}

export function pct(value: number, digits = 1): string {
  return `${value.toFixed(digits)}%`;
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
