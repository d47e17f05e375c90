/**
 * The part of better-sqlite3's API the benchmark's SQLite FTS5 peer uses (the package ships no
 * types; this saves a dependency on @types/better-sqlite3).
 */
declare module "better-sqlite3" {
  interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }

  interface Statement<Row = unknown> {
    run(...parameters: unknown[]): RunResult;
    all(...parameters: unknown[]): Row[];
    pluck(toggle?: boolean): this;
  }

  interface Database {
    exec(sql: string): this;
    prepare<Row = unknown>(sql: string): Statement<Row>;
    transaction<Work extends (...args: never[]) => unknown>(work: Work): Work;
    pragma(source: string): unknown;
    close(): this;
  }

  interface DatabaseConstructor {
    new (filename: string, options?: { readonly?: boolean; fileMustExist?: boolean }): Database;
  }

  const Database: DatabaseConstructor;
  export default Database;
}
