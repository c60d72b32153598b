// Names of a segment's files: the base offset as 20 zero-padded decimal digits, then the suffix
// (FORMAT.md section 1, as Kafka's LogFileUtils.filenamePrefixFromOffset). Sorting the names as
// strings sorts the segments by offset.
import { join } from 'node:path';

export const LOG_FILE_SUFFIX = '.log';
export const OFFSET_INDEX_FILE_SUFFIX = '.index';
export const TIME_INDEX_FILE_SUFFIX = '.timeindex';
/** Suffix of a file being written before its atomic rename (FORMAT.md section 1). */
export const TEMPORARY_FILE_SUFFIX = '.tmp';
const OFFSET_DIGITS = 20;

export type SegmentFileSuffix = typeof LOG_FILE_SUFFIX | typeof OFFSET_INDEX_FILE_SUFFIX | typeof TIME_INDEX_FILE_SUFFIX;

export function segmentFilePath(directory: string, baseOffset: number, suffix: SegmentFileSuffix): string {
  return join(directory, String(baseOffset).padStart(OFFSET_DIGITS, '0') + suffix);
}

/** The base offset and suffix of a segment file's name, or undefined for any other name. */
export function parseSegmentFileName(name: string): { baseOffset: number; suffix: SegmentFileSuffix } | undefined {
  const match = /^(\d{20})(\.log|\.index|\.timeindex)$/.exec(name);
  if (match === null || match[1] === undefined) return undefined;
  return { baseOffset: Number(match[1]), suffix: match[2] as SegmentFileSuffix };
}
