import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePrismaSchema, prismaKeysFor } from '../../src/analysis/prisma-schema';

const SCHEMA = `
generator client { provider = "prisma-client-js" }
/// A tag, unique by name.
model Tag {
  id        Int      @id @default(autoincrement()) // the key
  name      String   @unique(map: "tag_name_key")
  slug      String   // @unique in a comment is no attribute
  idx       Int      @default(0)
  uniqueish Boolean  @default(false)
  posts     TagsOnPosts[]
  @@index([slug])
}

model TagsOnPosts {
  postId Int
  tagId  Int
  note   String
  @@id([postId, tagId])
  @@unique(fields: [tagId, note], name: "tag_note")
}

model NewOrderRank {
  userId String
  @@unique([userId(sort: Desc)])
}

enum Role {
  USER @map("user")
}

view ActiveUser {
  email String @unique
}
`;

describe('parsePrismaSchema', () => {
  const keys = parsePrismaSchema(SCHEMA);
  it('reads @id and @unique fields, by client accessor', () => {
    expect([...keys.keys()]).toEqual(['tag', 'tagsOnPosts', 'newOrderRank', 'activeUser']);
    expect([...keys.get('tag')!.fields]).toEqual(['id', 'name']);
    expect([...keys.get('activeUser')!.fields]).toEqual(['email']);
  });
  it('reads compound keys, and a one-field compound as a plain unique field', () => {
    expect(keys.get('tagsOnPosts')!.compounds).toEqual([
      ['postId', 'tagId'],
      ['tagId', 'note'],
    ]);
    expect(keys.get('tagsOnPosts')!.fields.size).toBe(0);
    expect([...keys.get('newOrderRank')!.fields]).toEqual(['userId']);
  });
  it('keeps a compound key short of its small-enum fields as a few-rows key (Postiz: `@@unique([email, providerName])`)', () => {
    const schema = parsePrismaSchema(
      [
        'model User {\n  id String @id\n  email String\n  providerName Provider\n  kind Kind?\n  niche String\n  @@unique([email, providerName])\n  @@unique([niche, kind])\n  @@unique([providerName, kind])\n}',
        'enum Provider {\n  LOCAL\n  GITHUB\n  GOOGLE @map("google")\n  @@map("provider")\n}',
        'enum Kind {\n  A\n  B\n}',
        'model Big {\n  id String @id\n  a String\n  b Huge\n  @@unique([a, b])\n}',
        `enum Huge {\n${Array.from({ length: 101 }, (_, index) => `  V${index}`).join('\n')}\n}`,
      ].join('\n'),
    );
    // An optional enum is no bound (NULLs repeat in a unique key): `[niche, kind]` leaves none; pinned, it is a field like others.
    expect(schema.get('user')!.fewRowsKeys).toEqual([['email'], ['kind']]);
    expect(schema.get('big')!.fewRowsKeys).toBeUndefined();
    expect(schema.get('user')!.compounds).toHaveLength(3);
  });
  it('reads the relations that hold their own foreign key, not their back references', () => {
    const schema = parsePrismaSchema(
      'model EntityField {\n  id String @id\n  versionId String\n  version EntityVersion? @relation(name: "fields", references: [id], fields: [versionId], onDelete: Cascade)\n  tags Tag[]\n}\n',
    );
    expect([...schema.get('entityField')!.relations!]).toEqual([['version', { model: 'entityVersion', fields: ['versionId'] }]]);
    expect(keys.get('tag')!.relations!.size).toBe(0);
  });
  it("takes a partitioned table's id for a key, but not an id that is one part of a real compound", () => {
    const partitioned = parsePrismaSchema(`
model WebhookDelivery {
  id        String
  createdAt DateTime
  @@id([id, createdAt])
}
model Update {
  workspaceId String
  id          String
  createdAt   DateTime @map("created_at")
  @@id([workspaceId, id, createdAt])
}
model Format {
  id     String
  format String
  @@id([id, format])
}
`);
    expect([...partitioned.get('webhookDelivery')!.fields]).toEqual(['id']);
    expect(partitioned.get('update')!.fields.size).toBe(0);
    expect(partitioned.get('format')!.fields.size).toBe(0);
  });
  it('reads list relations, by the related model, and not lists of scalars or enums', () => {
    const schema = parsePrismaSchema(`
model Project {
  id        String    @id
  contacts  Contact[]
  members   ProjectMembership[] @relation("members")
  tags      String[]
  roles     Role[]
  owner     User      @relation(fields: [ownerId], references: [id])
  ownerId   String
}
model Contact {
  id String @id
}
model ProjectMembership {
  id String @id
}
model User {
  id String @id
}
enum Role {
  ADMIN
  MEMBER
}
`);
    expect([...(schema.get('project')!.listRelations ?? [])]).toEqual([
      ['contacts', 'contact'],
      ['members', 'projectMembership'],
    ]);
    expect(schema.get('contact')!.listRelations).toBeUndefined();
  });
  it('reads nothing from text that is no schema, and stays linear on long lines', () => {
    expect(parsePrismaSchema('model {').size).toBe(0);
    expect(parsePrismaSchema('{ } model').size).toBe(0);
    const started = performance.now();
    parsePrismaSchema(`model A {\n  f String ${'@'.repeat(200_000)}\n  @@unique([${'a,'.repeat(100_000)}\n}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

/** A throw-away monorepo on disk. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-prisma-'));
function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('prismaKeysFor', () => {
  const project = path.join(root, 'mono');
  write('mono/packages/database/prisma/schema.prisma', 'model User {\n  id Int @id\n  email String @unique\n}\n');
  write('mono/apps/admin/prisma/schema/user.prisma', 'model Admin {\n  id Int @id\n  login String @unique\n}\n');
  write('mono/apps/admin/prisma/schema/audit.prisma', 'model Audit {\n  id Int @id\n}\n');
  it('takes the nearest schema at or above the file, a multi-file schema as one', () => {
    const keys = prismaKeysFor(project, path.join(project, 'apps/admin/src/users.ts'))!;
    expect([...keys.keys()].sort()).toEqual(['admin', 'audit']);
    expect([...keys.get('admin')!.fields]).toEqual(['id', 'login']);
  });
  it('counts the enums of every file of a multi-file schema (Postiz keeps its enums apart from its models)', () => {
    const split = path.join(root, 'split');
    write('split/prisma/schema/user.prisma', 'model User {\n  id Int @id\n  email String\n  provider Provider\n  @@unique([email, provider])\n}\n');
    write('split/prisma/schema/enums.prisma', 'enum Provider {\n  LOCAL\n  GITHUB\n}\n');
    const keys = prismaKeysFor(split, path.join(split, 'src/users.ts'))!;
    expect(keys.get('user')!.fewRowsKeys).toEqual([['email']]);
  });
  it("falls back on the working directory's packages, where monorepos keep the schema", () => {
    const keys = prismaKeysFor(project, path.join(project, 'apps/web/src/users.ts'))!;
    expect([...keys.get('user')!.fields]).toEqual(['id', 'email']);
  });

  it('keeps the keys every provider schema declares', () => {
    const providers = path.join(root, 'providers');
    write('providers/packages/prisma/postgresql/schema.prisma', 'model Link {\n  id Int @id\n  slug String @unique\n}\n');
    write('providers/packages/prisma/mysql/schema.prisma', 'model Link {\n  id Int @id\n  slug String\n}\n');
    const keys = prismaKeysFor(providers, path.join(providers, 'apps/web/a.ts'))!;
    expect([...keys.get('link')!.fields]).toEqual(['id']);
  });

  it('finds nothing outside the working directory, or in a project without a schema', () => {
    expect(prismaKeysFor(project, path.join(os.tmpdir(), 'elsewhere/a.ts'))).toBeUndefined();
    const empty = path.join(root, 'empty');
    write('empty/src/a.ts', '');
    expect(prismaKeysFor(empty, path.join(empty, 'src/a.ts'))).toBeUndefined();
  });
});
