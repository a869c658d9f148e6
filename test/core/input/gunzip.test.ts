/**
 * Whole-buffer decompression sizes its output from the gzip trailer; the trailer is only a hint, so
 * inputs where it is wrong or missing must decompress exactly as before.
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { gunzipWhole } from '../../../src/core/input/gunzip';

const text = (n: number): Buffer =>
  Buffer.from(JSON.stringify({ Records: Array.from({ length: n }, (_, i) => ({ i })) }));

describe('gunzipWhole', () => {
  it('gives the whole output of a single gzip member, of any size', () => {
    for (const plain of [Buffer.alloc(0), text(1), text(20_000), randomBytes(300_000)]) {
      const result = gunzipWhole(gzipSync(plain));
      expect(result.kind).toBe('complete');
      if (result.kind === 'complete') expect(result.bytes.equals(plain)).toBe(true);
    }
  });

  it('gives every member of a multi-member file, whose trailer records only the last', () => {
    const first = text(30_000);
    const last = text(3);
    const result = gunzipWhole(Buffer.concat([gzipSync(first), gzipSync(last)]));
    expect(result.kind).toBe('complete');
    if (result.kind === 'complete') expect(result.bytes.equals(Buffer.concat([first, last]))).toBe(true);
  });

  it('still stops at the caller’s limit, whatever the trailer says', () => {
    const plain = text(50_000);
    expect(gunzipWhole(gzipSync(plain), plain.length - 1).kind).toBe('too-large');
    const result = gunzipWhole(gzipSync(plain), plain.length);
    expect(result.kind).toBe('complete');
  });

  it('salvages a truncated file, whose last bytes are no trailer', () => {
    const plain = text(20_000);
    const gz = gzipSync(plain);
    const result = gunzipWhole(gz.subarray(0, Math.floor(gz.length / 2)));
    expect(result.kind).toBe('damaged');
    if (result.kind === 'damaged') {
      expect(result.bytes.length).toBeGreaterThan(0);
      expect(plain.subarray(0, result.bytes.length).equals(result.bytes)).toBe(true);
    }
  });
});
