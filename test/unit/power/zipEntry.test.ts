import { describe, expect, it } from 'vitest';
import { readZipEntries, ZipError } from '../../../shared/adapters/power/zipEntry';
import { zipOf } from '../../support/zipWriter';

describe('readZipEntries', () => {
  const csv = 'DeliveryDate,HourEnding\n12/04/2026,01:00\n'.repeat(50);

  it('reads deflated and stored entries back byte for byte', () => {
    const entries = readZipEntries(
      zipOf([
        { name: 'a.csv', text: csv },
        { name: 'b.txt', text: 'hi', stored: true },
      ]),
      1 << 20,
    );
    expect(entries.map((e) => [e.name, e.bytes.toString('utf8')])).toEqual([
      ['a.csv', csv],
      ['b.txt', 'hi'],
    ]);
  });

  it('refuses a cut download, a corrupt byte, a page that is not a ZIP and an entry over the cap', () => {
    const zip = zipOf([{ name: 'a.csv', text: csv }]);
    expect(() => readZipEntries(zip.subarray(0, zip.length - 30), 1 << 20)).toThrow(ZipError);
    const corrupt = Buffer.from(zip);
    corrupt[40] = corrupt[40]! ^ 0xff; // inside the deflated data
    expect(() => readZipEntries(corrupt, 1 << 20)).toThrow(/a\.csv (does not inflate|fails its CRC-32 check)/);
    expect(() => readZipEntries(Buffer.from('<html><body>Error Downloading Content</body></html>'), 1 << 20)).toThrow(
      /not a ZIP archive .*starts with "<html><body>Error Downlo/,
    );
    expect(() => readZipEntries(zip, 100)).toThrow(/a\.csv is \d+ bytes, more than 100/);
  });
});
