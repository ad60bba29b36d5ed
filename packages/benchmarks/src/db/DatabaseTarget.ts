import { DatabaseKind } from '../options/BenchOptions';

/** Where one generated data set lives; serializable, so child processes can open it too. */
export type DatabaseTarget =
  | { kind: Extract<DatabaseKind, 'sqlite'>; file: string }
  | {
      kind: Extract<DatabaseKind, 'pg'>;
      /** The server, without a database name. */
      server: string;
      database: string;
    };
