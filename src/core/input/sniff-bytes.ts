/**
 * Recognises what a file is from its first bytes, not its name: S3 keeps `.json.gz` names on objects
 * that were decompressed in transit, and users rename files.
 */

export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Windows PowerShell writes UTF-16LE with a BOM by default (`Out-File`, `>`). */
export function hasUtf16LeBom(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
}

export function hasUtf16BeBom(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff;
}

/** The text of a whole in-memory document, without its byte-order mark. */
export function decodeText(bytes: Buffer): string {
  if (hasUtf8Bom(bytes)) return bytes.toString('utf8', 3);
  if (hasUtf16LeBom(bytes)) return bytes.toString('utf16le', 2);
  return bytes.toString('utf8');
}

/** UTF-8 bytes of a document, converting UTF-16LE (rare, in-memory only) so byte-level splitting works. */
export function toUtf8Bytes(bytes: Buffer): Buffer {
  return hasUtf16LeBom(bytes) ? Buffer.from(bytes.toString('utf16le', 2), 'utf8') : bytes;
}

const KNOWN_FORMATS: readonly { readonly magic: readonly number[]; readonly what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive — unzip it and pass the files inside' },
  { magic: [0x42, 0x5a, 0x68], what: 'bzip2-compressed — decompress it (bunzip2) first' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed — decompress it (unzstd) first' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed — decompress it (unxz) first' },
  {
    magic: [0x50, 0x41, 0x52, 0x31],
    what: 'a Parquet file — export the records as JSON instead (one record a line)',
  },
];

/**
 * Why bytes that do not start like JSON are not CloudTrail records, with what to do. `bytes` starts at
 * the first byte that is not whitespace.
 */
export function describeNonJson(bytes: Buffer): string {
  if (hasUtf16LeBom(bytes) || hasUtf16BeBom(bytes)) {
    return 'not CloudTrail records: the file is UTF-16 encoded (as Windows PowerShell writes by default) — convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`';
  }
  for (const format of KNOWN_FORMATS) {
    if (format.magic.every((byte, i) => bytes[i] === byte)) return `not CloudTrail records: ${format.what}`;
  }
  const head = bytes.subarray(0, 200).toString('utf8');
  const firstLine = head.split(/\r?\n/, 1)[0];
  if (/^"?[A-Za-z_][\w.]*"?(,"?[A-Za-z_][\w.]*"?)+$/.test(firstLine)) {
    return `not CloudTrail records: this looks like CSV (header ${JSON.stringify(firstLine.slice(0, 60))}), e.g. an Athena query result — export whole records as JSON instead (one record a line)`;
  }
  const shown = firstLine.slice(0, 40).replace(/[^\x20-\x7e]/g, '�');
  return `not JSON: the file starts with ${JSON.stringify(shown)} — expected CloudTrail JSON (an S3 delivery file, an array of records, JSON lines or EventBridge events)`;
}
