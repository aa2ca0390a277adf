import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileOneFile } from './one-file-program';
import { declaredCallbackParameterType } from '../../src/analysis/callback-parameter-type';

/** Every identifier `name` that is the receiver of a call (`name.use()`). */
function receivers(file: ts.SourceFile, name: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

const DECLARATIONS = `
  interface PoolClient { use(): void; release(): void }
  interface EntityManager { use(): void }
  interface Other { use(): void }
  declare function withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
  declare function maybe(work?: (client: PoolClient) => void): void;
  declare class DataSource {
    transaction<T>(run: (manager: EntityManager) => Promise<T>): Promise<T>;
    transaction<T>(level: 'READ COMMITTED' | 'SERIALIZABLE', run: (manager: EntityManager) => Promise<T>): Promise<T>;
  }
  declare const dataSource: DataSource;
  interface Prisma<Options = {}> { $connect(): void; use(): void }
  declare class PrismaClient<Options = {}> {
    $transaction<P extends Promise<unknown>[]>(arg: [...P], options?: { timeout?: number }): Promise<unknown[]>;
    $transaction<R>(fn: (prisma: Omit<Prisma<Options>, '$connect' | '$disconnect'>) => Promise<R>, options?: { timeout?: number }): Promise<R>;
  }
  declare const prisma: PrismaClient;
  interface TransactionConfig { isolationLevel?: string; readOnly?: boolean }
  interface Knex {
    transaction(config?: TransactionConfig): Promise<PoolClient>;
    transaction(scope?: null, config?: TransactionConfig): Promise<PoolClient>;
    transaction<T>(scope: (trx: PoolClient) => Promise<T> | void, config?: TransactionConfig): Promise<T>;
  }
  declare const knex: Knex;
`;

describe('declaredCallbackParameterType', () => {
  it("gives a callback parameter the declared type, the same as the checker's", () => {
    const { checker, file } = compileOneFile(`${DECLARATIONS}
      withClient(async (client) => { client.use(); return 1; });
      maybe((client) => client.use());
    `);
    const reads = receivers(file, 'client');
    expect(reads).toHaveLength(2);
    for (const read of reads) {
      const declared = declaredCallbackParameterType(checker, read);
      expect(declared && checker.typeToString(declared)).toBe('PoolClient');
      expect(declared).toBe(checker.getNonNullableType(checker.getTypeAtLocation(read)));
    }
  });

  it('reads through overloads that agree, skipping those that take a primitive where the callback is', () => {
    const { checker, file } = compileOneFile(`${DECLARATIONS}
      dataSource.transaction(async (manager) => manager.use());
      dataSource.transaction('SERIALIZABLE', async (manager) => manager.use());
    `);
    for (const read of receivers(file, 'manager')) {
      const declared = declaredCallbackParameterType(checker, read);
      expect(declared && checker.typeToString(declared)).toBe('EntityManager');
      expect(declared).toBe(checker.getTypeAtLocation(read));
    }
  });

  it("skips overloads no function is assignable to: Prisma's array form, knex's config object", () => {
    const { checker, file } = compileOneFile(`${DECLARATIONS}
      prisma.$transaction(async (tx) => tx.use());
      knex.transaction(async (tx) => tx.use());
    `);
    const reads = receivers(file, 'tx');
    expect(reads).toHaveLength(2);
    for (const read of reads) {
      const declared = declaredCallbackParameterType(checker, read);
      expect(declared).toBeDefined();
      expect(declared).toBe(checker.getTypeAtLocation(read));
    }
  });

  it('leaves to the checker what needs inference, an annotation, or a choice between types', () => {
    const { checker, file } = compileOneFile(`${DECLARATIONS}
      declare function each<T>(items: T[], fn: (item: T) => void): void;
      declare function on(event: 'a', fn: (value: PoolClient) => void): void;
      declare function on(event: 'b', fn: (value: Other) => void): void;
      declare function either(fn: (value: PoolClient | Other) => void): void;
      declare function all(...fns: Array<(value: PoolClient) => void>): void;
      declare const held: (fn: (value: PoolClient) => void) => void;
      declare const clients: PoolClient[];
      each(clients, (value) => value.use());
      on('a', (value) => value.use());
      either((value) => value.use());
      all((value) => value.use());
      held((value) => value.use());
      withClient(async (value: PoolClient) => value.use());
      withClient(async function (this: void, value) { value.use(); });
    `);
    const reads = receivers(file, 'value');
    expect(reads).toHaveLength(7);
    for (const read of reads) expect(declaredCallbackParameterType(checker, read), read.parent.parent.parent.getText()).toBeUndefined();
  });
});
