/** The part of unzipper (ExcelJS's own zip reader, which Nytta uses to bound what an .xlsx unpacks to) that Nytta calls. */
declare module 'unzipper' {
  import type { Duplex, Readable } from 'node:stream';

  export interface Entry extends Readable {
    path: string;
    autodrain(): void;
  }

  /** A zip read as it streams, one entry after another, each entry's bytes unpacked as they are read. */
  export function Parse(options?: { forceStream?: boolean }): Duplex & AsyncIterable<Entry>;
}
