// CRC-32 (IEEE 802.3, the zlib/PNG polynomial), as GitHub's token checksum uses.
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of an ASCII string (credential alphabets are ASCII, so one byte per char), or of its first `end` characters. */
export function crc32(text: string, end = text.length): number {
  let crc = 0xffffffff;
  for (let i = 0; i < end; i++) {
    crc = TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
