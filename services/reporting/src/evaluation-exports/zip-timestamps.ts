const endOfCentralDirectory = 0x06054b50;
const centralDirectoryEntry = 0x02014b50;
const localFileHeader = 0x04034b50;
const vietnamOffsetMs = 7 * 60 * 60 * 1000;

/**
 * Sets the modification time of every entry of a zip archive to `at`, in place, following the
 * central directory rather than scanning for signatures, which compressed data may contain. Zip
 * times are local times without a zone; Viet Nam's is used. No checksum covers these fields.
 */
export function normaliseZipTimestamps(zip: Buffer, at: Date): Buffer {
  const { time, date } = dosDateTime(at);
  const end = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let position = zip.readUInt32LE(end + 16);
  for (let entry = 0; entry < entries; entry += 1) {
    if (zip.readUInt32LE(position) !== centralDirectoryEntry) throw new Error(`zip central directory entry ${entry} is malformed`);
    zip.writeUInt16LE(time, position + 12);
    zip.writeUInt16LE(date, position + 14);
    const local = zip.readUInt32LE(position + 42);
    if (zip.readUInt32LE(local) !== localFileHeader) throw new Error(`zip local header of entry ${entry} is malformed`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    position += 46 + zip.readUInt16LE(position + 28) + zip.readUInt16LE(position + 30) + zip.readUInt16LE(position + 32);
  }
  return zip;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let position = zip.length - 22; position >= earliest; position -= 1) {
    if (zip.readUInt32LE(position) === endOfCentralDirectory) return position;
  }
  throw new Error('not a zip archive: no end of central directory');
}

function dosDateTime(at: Date): { readonly time: number; readonly date: number } {
  const local = new Date(at.getTime() + vietnamOffsetMs);
  const year = Math.max(1980, local.getUTCFullYear());
  return {
    time: (local.getUTCHours() << 11) | (local.getUTCMinutes() << 5) | Math.floor(local.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((local.getUTCMonth() + 1) << 5) | local.getUTCDate(),
  };
}
