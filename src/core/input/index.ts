/** The record reader: CloudTrail files, streams and buffers in every shape users hold, as raw records. */
export { readRecordsFromBuffer, readRecordsFromFile, readRecordsFromStream } from './read-records';
export {
  deliveryTimestamp,
  INPUT_FILE_EXTENSIONS,
  isDigestFileName,
  listInputFiles,
  logFileKind,
  lookedForNote,
  sortByDeliveryTime,
  type InputFiles,
  type LogFileKind,
} from './list-input-files';
export {
  DEFAULT_MAX_ENTRY_BYTES,
  DEFAULT_WHOLE_DOCUMENT_LIMIT,
  type RawRecord,
  type ReadErrorItem,
  type ReadOptions,
  type RecordFoundItem,
  type RecordItem,
} from './record-item';
