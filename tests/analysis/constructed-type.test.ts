import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileOneFile } from './one-file-program';
import { constructedInstanceType } from '../../src/analysis/constructed-type';

/** The last receiver of a call (`name.use()`, `this.name.use()`) the file spells as `name` or `this.name`. */
function receiver(file: ts.SourceFile, name: string): ts.Expression {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && node.getText() === name && ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) found = node;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found!;
}

const DECLARATIONS = `
  interface MysqlOptions { type: 'mysql'; host: string } interface PostgresOptions { type: 'postgres'; url: string }
  declare class DataSource { constructor(options: MysqlOptions | PostgresOptions); use(): void }
  declare class Repository<Entity> { use(): Entity }
  declare class Redis { constructor(url?: string); use(): void }
  declare namespace Redis { const version: string }
  interface Cache { use(): void }
  declare class LruCache implements Cache { use(): void }
  declare namespace Lib { class Cluster { use(): void } }
  declare const factories: { Redis: typeof Redis };
`;

describe('constructedInstanceType', () => {
  it("reads a const made with `new` of a class that is not generic from the class: the checker's own answer", () => {
    const { checker, file } = compileOneFile(`${DECLARATIONS}
      const dataSource = new DataSource({ type: 'postgres', url: 'postgres://' });
      const redis = (new Redis('redis://'));
      const cluster = new Lib.Cluster();
      dataSource.use(); redis.use(); cluster.use();
      class Store { private readonly redis = new Redis(); static shared = new Lib.Cluster(); load() { this.redis.use(); Store.shared.use(); } }
    `);
    for (const name of ['dataSource', 'redis', 'cluster', 'this.redis']) {
      const identifier = receiver(file, name);
      const declared = constructedInstanceType(checker, identifier);
      expect([name, declared && checker.typeToString(declared)]).toEqual([name, checker.typeToString(checker.getTypeAtLocation(identifier))]);
      expect(declared).toBe(checker.getTypeAtLocation(identifier));
    }
  });

  it('leaves the question to the checker when the declaration could say otherwise', () => {
    const { checker, file } = compileOneFile(`${DECLARATIONS}
      const repository = new Repository<string>();
      const inferred = new Repository();
      let reassigned = new Redis();
      const annotated: Cache = new LruCache();
      const cast = new LruCache() as Cache;
      const called = Math.random() > 0.5 ? new Redis() : new Redis('x');
      function build() { return new Redis(); }
      const made = build();
      const fromProperty = new factories.Redis();
      class Store { cache: Cache = new LruCache(); maybe?: Redis; late!: Redis; load() { this.cache.use(); this.maybe?.use(); this.late.use(); } }
      fromProperty.use(); repository.use(); inferred.use(); reassigned.use(); annotated.use(); cast.use(); called.use(); made.use();
    `);
    for (const name of ['this.cache', 'this.late', 'fromProperty', 'repository', 'inferred', 'reassigned', 'annotated', 'cast', 'called', 'made']) {
      expect([name, constructedInstanceType(checker, receiver(file, name))]).toEqual([name, undefined]);
    }
  });
});
