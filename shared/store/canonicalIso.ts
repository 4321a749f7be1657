/** The sort key's time: one spelling of an instant (milliseconds, Z), so that keys sort in time. */
export const canonicalIso = (iso: string): string => new Date(Date.parse(iso)).toISOString();
