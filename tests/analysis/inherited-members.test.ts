import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import noNPlusOne from '../../rules/no-n-plus-one';
import noUnboundedQuery from '../../rules/no-unbounded-query';
import { messagesOnDisk } from '../rule-tester';

// A repository's model often comes from its base class, in another module (Novu's DAL: every repository extends a
// `BaseRepository` whose constructor takes `protected MongooseModel: Model<T>`). Without type information the base
// is read from disk, through barrels and further bases, and the member's annotation says which library it holds.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-inherited-'));
function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
write('package.json', JSON.stringify({ name: 'dal', dependencies: { mongoose: '^8.0.0' } }));
write(
  'src/base-repository.ts',
  `import { Model } from 'mongoose';
import { Collection } from '@discordjs/collection';
import { Store } from './store';
export class BaseRepository<T> {
  public _model: Model<T>;
  constructor(protected MongooseModel: Model<T>, protected collection: Collection<string, T>, protected store: Store) {
    this._model = MongooseModel;
  }
}
`,
);
write('src/store.ts', 'export class Store { find(query: object) { return [query]; } }\n');
write('src/index.ts', "export * from './base-repository';\n");
write('src/tenant-repository.ts', "import { BaseRepository } from './index';\nexport class TenantRepository<T> extends BaseRepository<T> {}\n");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function findings(code: string): string[] {
  return messagesOnDisk(root, 'src/template-repository.ts', code, { 'no-n-plus-one': noNPlusOne, 'no-unbounded-query': noUnboundedQuery }).map(
    (message) => `${message.line} ${message.ruleId}`,
  );
}

const repository = (base: string, from: string, body: string) => `import type { FilterQuery } from 'mongoose';
import { ${base} } from '${from}';
export class TemplateRepository extends ${base}<any> {
${body}
}
`;
const queries = `  async active(query: FilterQuery<any>) {
    return this.MongooseModel.find({ ...query, active: true });
  }
  async many(ids: string[]) {
    for (const id of ids) await this.MongooseModel.findOne({ _id: id });
  }`;

describe('a member a repository inherits from a base class of another module', () => {
  it('holds what the base annotates it with: a Mongoose model', () => {
    expect(findings(repository('BaseRepository', './base-repository', queries))).toEqual(['5 p/no-unbounded-query', '8 p/no-n-plus-one']);
  });

  it('is found through a barrel and a base of the base', () => {
    expect(findings(repository('BaseRepository', './index', queries))).toEqual(['5 p/no-unbounded-query', '8 p/no-n-plus-one']);
    expect(findings(repository('TenantRepository', './tenant-repository', queries))).toEqual(['5 p/no-unbounded-query', '8 p/no-n-plus-one']);
  });

  it('is no database value when the base annotates it with another package\'s type or a type of the project', () => {
    const others = `  cached(ids: string[]) {
    return ids.map((id) => this.collection.find((item) => item === id));
  }
  async stored(ids: string[]) {
    for (const id of ids) await this.store.find({ id });
  }`;
    expect(findings(repository('BaseRepository', './base-repository', others))).toEqual([]);
  });
});

describe('a member a class inherits from a base class of the same file', () => {
  it('holds what that base annotates it with', () => {
    const code = `import { Model } from 'mongoose';
class Base<T> {
  constructor(protected model: Model<T>) {}
}
export class Orders extends Base<any> {
  async open() {
    return this.model.find({ status: 'open' });
  }
}
`;
    expect(findings(code)).toEqual(['7 p/no-unbounded-query']);
  });
});
