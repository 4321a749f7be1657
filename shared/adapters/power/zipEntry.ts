/**
 * The one file inside a ZIP archive, read without a library: ERCOT's report archive posts each
 * report as a ZIP holding one CSV. The central directory (at the end of the file) gives each entry's
 * name, method, sizes and where its local header is; the entry is stored (method 0) or deflated
 * (method 8, raw DEFLATE, node:zlib). Its CRC-32 is checked, so a truncated or corrupt download is an
 * error, never a shorter CSV. ZIP64 and encryption are refused (ERCOT's files use neither).
 * Layout: PKWARE APPNOTE.TXT, sections 4.3.7 (local header), 4.3.12 (central directory header) and
 * 4.3.16 (end of central directory record).
 */
import { crc32, inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export interface ZipEntry {
  name: string;
  bytes: Buffer;
}

export class ZipError extends Error {}

/** Every file of the archive (directories left out), in the central directory's order. */
export function readZipEntries(zip: Buffer, maxUncompressedBytes: number): ZipEntry[] {
  // The end record is 22 bytes plus a comment of up to 65,535: search backwards for its signature.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i -= 1)
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  if (end < 0)
    throw new ZipError(
      `not a ZIP archive (no end of central directory; starts with "${zip
        .subarray(0, 24)
        .toString('latin1')
        .replace(/[^\x20-\x7e]/g, '.')}")`,
    );
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const found: ZipEntry[] = [];
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER)
      throw new ZipError(`central directory entry ${n} is damaged`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 0x1) throw new ZipError(`${name} is encrypted`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeader === 0xffffffff)
      throw new ZipError(`${name} is a ZIP64 entry`);
    if (size > maxUncompressedBytes) throw new ZipError(`${name} is ${size} bytes, more than ${maxUncompressedBytes}`);
    if (localHeader + 30 > zip.length || zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER)
      throw new ZipError(`${name}: local header is damaged`);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw new ZipError(`${name} is truncated`);
    let bytes: Buffer;
    if (method === 0) bytes = Buffer.from(data);
    else if (method === 8) {
      try {
        bytes = inflateRawSync(data, { maxOutputLength: maxUncompressedBytes });
      } catch (error) {
        throw new ZipError(`${name} does not inflate: ${(error as Error).message}`);
      }
    } else throw new ZipError(`${name} uses compression method ${method} (only stored and deflated are read)`);
    if (bytes.length !== size || crc32(bytes) !== crc)
      throw new ZipError(`${name} fails its CRC-32 check (a corrupt or cut download)`);
    found.push({ name, bytes });
  }
  return found;
}
