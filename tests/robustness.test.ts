/**
 * Bad input never crashes the linter and never hangs it: every rule, with and without type information,
 * runs over code chosen to trip analyses (odd syntax, deep chains, huge strings, shadowed globals).
 */
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index';
import { TYPED_FIXTURE_DIR } from './rule-tester';

const allRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`backend-perf/${name}`, 'warn' as const]));

const deepChain = `db${'.where({ a: 1 })'.repeat(250)}.first()`;
const deepCallbacks = `${'items.map((x) => '.repeat(200)}prisma.user.findUnique({ where: { id: x } })${')'.repeat(200)}`;
const hugeSql = `SELECT id FROM t WHERE ${"a = 'x' AND ".repeat(60_000)}b = 1`;

const SNIPPETS: Record<string, string> = {
  empty: '',
  commentsOnly: '// nothing\n/* here */',
  oddSyntax: `
    import type { X } from 'y';
    import z = require('z');
    export = z;
    declare module 'm' { export const a: number; }
    namespace N { export const b = 1; }
    enum E { A, B }
    abstract class C<T> { #p = 1; static { this.prototype; } abstract m(): T; get g() { return this.#p; } }
    function* gen() { yield* [1, 2]; }
    label: for (const a of [1]) { continue label; }
    const o = { ['computed' + 1]() {}, async *[Symbol.iterator]() {} };
    const t = tag\`a\${1}b\`;
    async function f(x?: { y?: { z?: () => Promise<void> } }) { await x?.y?.z?.(); for await (const v of x as any) {} }
    const fn = (a = () => {}, ...rest: unknown[]) => a;
    class D { constructor(private readonly repo: any, public x = 1) {} }
    let u: unknown = (0, eval)('1');
    new.target;
  `,
  shadowing: `
    function h(fetch: any, console: any, require: any, JSON: any) {
      fetch('x'); console.log(JSON.stringify(require('fs').readFileSync('a')));
    }
    const prisma = { user: { findMany: () => [] } };
    for (const i of [1, 2]) prisma.user.findMany();
  `,
  deepChain,
  deepCallbacks,
  hugeSql: `import { Pool } from 'pg'; const pool = new Pool(); export const q = () => pool.query(\`${hugeSql}\`);`,
  unterminatedSqlish: `declare const db: any; db.query("SELECT * FROM (((((((((( ${"'".repeat(5000)} /* -- $$ $tag$ ${'('.repeat(20_000)}");`,
  weirdCalls: `
    declare const a: any;
    (a as any).b!.c?.d();
    a[Symbol.for('x')]();
    a?.['findMany']?.();
    (() => {})();
    super_: { }
    new (a.b)();
    a.b\`tpl\`;
    import('pg').then((m) => m.default);
    class K extends Array { m() { return super.map((x: unknown) => x); } }
  `,
  loopsEverywhere: `
    declare const prisma: any, items: any[], axios: any, knex: any;
    for (;;) { break; }
    do { } while (false);
    while (items.length) items.pop();
    for (const k in items) { prisma[k].findMany(); }
    items.forEach(async () => { await axios.get('x'); await knex('t').select('*'); console.log(JSON.stringify(items)); });
  `,
};

function lint(code: string, typed: boolean): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: TYPED_FIXTURE_DIR });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser as Linter.Parser,
        parserOptions: typed ? { projectService: true, tsconfigRootDir: TYPED_FIXTURE_DIR } : {},
      },
      plugins: { 'backend-perf': plugin as never },
      rules: allRules,
    },
  ];
  return linter.verify(code, config, { filename: path.join(TYPED_FIXTURE_DIR, 'file.ts') });
}

describe.each([false, true])('every rule survives odd code (typed: %s)', (typed) => {
  for (const [name, code] of Object.entries(SNIPPETS)) {
    // The timeout guards against hangs and super-linear blowups; speed itself is the benchmark's business
    // (a typed case pays for the project service, which on a busy machine takes seconds).
    it(name, { timeout: 120_000 }, () => {
      const messages = lint(code, typed);
      // A fatal message means a parse error (our snippets parse) or a rule that threw.
      expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
    });
  }
});

/**
 * JavaScript parsed by espree, ESLint's own parser: its tree has none of typescript-eslint's extra fields (no
 * `decorators` on classes and members, no type annotations). Kutt's CommonJS server crashed a rule on a class method.
 */
const JAVASCRIPT: Record<string, string> = {
  commonJsServer: `
    const express = require('express');
    const knex = require('knex')({ client: 'pg' });
    const { PrismaClient } = require('@prisma/client');
    const prisma = new PrismaClient();
    const app = express();
    class LinkService {
      cache = new Map();
      static instance = new LinkService();
      async list(userIds) {
        const out = [];
        for (const id of userIds) out.push(await knex('links').where({ user_id: id }).select('*'));
        return Promise.all(userIds.map((id) => prisma.link.findMany({ where: { userId: id } })));
      }
      get size() { return this.cache.size; }
    }
    class Resolver extends Object { async posts(parent) { return prisma.post.findMany({ where: { authorId: parent.id } }); } }
    app.get('/links', async (req, res) => {
      const service = new LinkService();
      const rows = await service.list(req.query.ids);
      console.log(JSON.stringify(rows));
      res.json(JSON.parse(JSON.stringify(rows)).filter((r) => r.id === req.query.id));
    });
    module.exports = { app, LinkService, Resolver };
  `,
  moduleServer: `
    import fs from 'node:fs';
    import axios from 'axios';
    export default class Handler {
      #secret = fs.readFileSync('key.pem');
      constructor(db) { this.db = db; }
      async handle(req) {
        const users = await this.db.collection('users').find({}).toArray();
        for (const u of users) await axios.get('https://api.example.com/' + u.id);
        return users.filter((u) => req.ids.includes(u.id));
      }
      static { this.shared = new Handler(null); }
    }
    export const resolvers = { Query: { users: (_, args, ctx) => ctx.db.user.findMany() }, User: { posts: (user, _, ctx) => ctx.db.post.findMany({ where: { authorId: user.id } }) } };
  `,
};

function lintJavaScript(code: string, sourceType: 'module' | 'commonjs'): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: TYPED_FIXTURE_DIR });
  const config: Linter.Config[] = [
    { files: ['**/*.js'], languageOptions: { sourceType, ecmaVersion: 'latest' }, plugins: { 'backend-perf': plugin as never }, rules: allRules },
  ];
  return linter.verify(code, config, { filename: path.join(TYPED_FIXTURE_DIR, 'server.js') });
}

describe('every rule survives JavaScript parsed by espree', () => {
  for (const [name, code] of Object.entries(JAVASCRIPT)) {
    it(name, { timeout: 120_000 }, () => {
      const messages = lintJavaScript(code, name === 'commonJsServer' ? 'commonjs' : 'module');
      expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
      // Not an empty run: the rules did read the code.
      expect(messages.length).toBeGreaterThan(0);
    });
  }
});
