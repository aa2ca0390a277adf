import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { callsOnlyAtModuleLoad } from '../../src/analysis/load-time-calls';
import { requestPathProbe as probe } from './request-path-probe';
import { TYPED_FIXTURE_DIR, typedRuleTester } from '../rule-tester';

function calledAtLoad(code: string, name = 'make'): boolean {
  return callsOnlyAtModuleLoad(ts.createSourceFile('importer.ts', code, ts.ScriptTarget.Latest, true), name, (fn) => /^init/.test(fn));
}

describe('callsOnlyAtModuleLoad', () => {
  it('accepts calls made while the module loads', () => {
    expect(calledAtLoad(`import { make } from './f'; export const a = make(); const b = make();`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; declare const g: { c?: ReturnType<typeof make> }; if (!g.c) g.c = make();`)).toBe(true);
    expect(calledAtLoad(`import make from './f'; export default make({ prefix: 'x' });`)).toBe(true);
    // Other things spelled the same: a property, a method, a member read.
    expect(calledAtLoad(`import { make } from './f'; const o = { make: 1 }; o.make; class C { make() { return 1; } } export const x = make();`)).toBe(true);
  });

  it('refuses any call inside a function or class, any other use, and no call at all', () => {
    expect(calledAtLoad(`import { make } from './f'; export function h() { return make(); }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export const a = make(); export const h = () => make();`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class S { client = make(); }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export const factories = [make];`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export { make };`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f';`)).toBe(false);
  });

  it('accepts a class constructed while the module loads, named in types too; not constructed elsewhere, extended or tested against', () => {
    // openstatus's `export const defaultTb = new OSTinybird(…)` beside `tb?: OSTinybird` in a context type.
    expect(calledAtLoad(`import { Client } from './f'; export const tb = new Client({ token: '' });`, 'Client')).toBe(true);
    expect(calledAtLoad(`import { Client } from './f'; export type Context = { tb?: Client }; export const tb: Client = new Client();`, 'Client')).toBe(true);
    expect(calledAtLoad(`import { Client } from './f'; export const tb = new Client(); export function fresh() { return new Client(); }`, 'Client')).toBe(false);
    expect(calledAtLoad(`import { Client } from './f'; export class Mine extends Client {} export const tb = new Client();`, 'Client')).toBe(false);
    expect(calledAtLoad(`import { Client } from './f'; export const tb = new Client(); export const isClient = (x: unknown) => x instanceof Client;`, 'Client')).toBe(false);
    // Named only in types: nothing constructed, no answer.
    expect(calledAtLoad(`import { Client } from './f'; export function use(tb: Client) { return tb; }`, 'Client')).toBe(false);
  });

  it("accepts calls in a NestJS provider's useFactory, in a module's decorator or at the top level, not in other callbacks", () => {
    expect(calledAtLoad(`import { make } from './f'; @Module({ providers: [{ provide: 'DS', useFactory: async () => make() }] }) export class DbModule {}`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; const imports = [TypeOrmModule.forRootAsync({ useFactory() { return make(); } })];`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; @Module({ providers: [{ provide: 'DS', useValue: { build: () => make() } }] }) export class DbModule {}`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; @Controller() export class C { @Get() list() { return make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class DbModule { static forRoot() { return { providers: [{ provide: 'DS', useFactory: () => make() }] }; } }`)).toBe(false);
  });

  it("accepts calls in the callback a server runs once it listens, where the listen call runs once (Maxun's connectDB)", () => {
    expect(calledAtLoad(`import { make } from './f'; server.listen(3000, async () => { await make(); });`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; app.listen(port, host, () => make());`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; export async function initServer() { server.on('listening', () => make()); server.listen(0); }`)).toBe(true);
    // A listen inside a handler runs again and again; an event other than 'listening' fires any number of times.
    expect(calledAtLoad(`import { make } from './f'; export function handle(s) { s.listen(0, () => make()); }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; server.on('connection', () => make());`)).toBe(false);
  });

  it('accepts calls in a top-level startup function, not in functions nested in one or in methods of that name', () => {
    expect(calledAtLoad(`import { make } from './f'; export async function initAuthSecrets() { secret = await make(); } let secret;`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; export const initClients = async () => { client = make(); }; let client;`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; export function initRoutes(app) { app.get('/', () => make()); }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class Node { init(data, input) { return make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export function handle() { return make(); } export function initX() { make(); }`)).toBe(false);
  });

  it("accepts calls in the static builders of a class decorated @Module from @nestjs/common, not in other static or instance methods", () => {
    const nest = `import { Module } from '@nestjs/common'; import { make } from './f';`;
    // MailerModule.register() (Hoppscotch): Nest builds the module once, in another module's `imports`.
    expect(calledAtLoad(`${nest} @Module({}) export class MailerModule { static async register() { const transport = make(); return { module: MailerModule, providers: [transport] }; } }`)).toBe(true);
    for (const builder of ['registerAsync', 'forRoot', 'forRootAsync', 'forFeature', 'forFeatureAsync']) {
      expect(calledAtLoad(`${nest} @Module({}) export class M { static ${builder}() { return { module: M, global: make() }; } }`), builder).toBe(true);
    }
    expect(calledAtLoad(`import { Module as NestModule } from '@nestjs/common'; import { make } from './f'; @NestModule({}) export class M { static register() { make(); } }`)).toBe(true);
    // No @Module, a project's own decorator of that name, an instance method, another static method.
    expect(calledAtLoad(`${nest} export class MailerModule { static register() { make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { Module } from './nest'; import { make } from './f'; @Module({}) export class MailerModule { static register() { make(); } }`)).toBe(false);
    expect(calledAtLoad(`${nest} @Module({}) export class MailerModule { register() { make(); } }`)).toBe(false);
    expect(calledAtLoad(`${nest} @Module({}) export class MailerModule { static create() { make(); } }`)).toBe(false);
    // A callback the module hands out runs whenever it is called; a request handler elsewhere in the file calls it too.
    expect(calledAtLoad(`${nest} @Module({}) export class M { static register() { return { providers: [{ provide: 'X', useValue: { build: () => make() } }] }; } }`)).toBe(false);
    expect(calledAtLoad(`${nest} @Module({}) export class M { static register() { make(); } } export function handle() { return make(); }`)).toBe(false);
  });

  it('accepts calls in NestJS lifecycle hooks and in the methods only they call, not in callbacks or methods called elsewhere', () => {
    expect(calledAtLoad(`import { make } from './f'; @Injectable() export class S { private x; async onModuleInit() { this.x = await make(); } }`)).toBe(true);
    for (const hook of ['onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']) {
      expect(calledAtLoad(`import { make } from './f'; export class S { async ${hook}() { await make(); } }`), hook).toBe(true);
    }
    // A private method, or one named for startup (Hoppscotch's initializeInfraConfigTable), called only from a hook.
    expect(calledAtLoad(`import { make } from './f'; export class S { onModuleInit() { return this.load(); } private async load() { await make(); } }`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; export class S { onModuleInit() { this.#load(); } #load() { make(); } }`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; export class S { async onModuleInit() { await this.initTable(); } async initTable() { await this.fill(); } private async fill() { await make(); } }`)).toBe(true);
    // A public method another class may call per request; a private one a handler or a timer also calls, or none calls.
    expect(calledAtLoad(`import { make } from './f'; export class S { async onModuleInit() { await this.refresh(); } async refresh() { await make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class S { onModuleInit() { this.load(); } @Get() list() { return this.load(); } private load() { return make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class S { onModuleInit() { setInterval(() => this.load(), 1000); } private load() { make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class S { onModuleInit() {} private initLater() { make(); } }`)).toBe(false);
    // A hook's callbacks may run later and again; a hook's helper a controller calls too runs per request.
    expect(calledAtLoad(`import { make } from './f'; export class S { onModuleInit() { setInterval(() => make(), 1000); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class S { onModuleInit() { make(); } } @Controller() export class C { @Get() get() { return make(); } }`)).toBe(false);
    // A hook named on an object, or on a class built inside a function, is not one Nest calls at startup.
    expect(calledAtLoad(`import { make } from './f'; export const hooks = { onModuleInit() { make(); } };`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export function build() { return class { onModuleInit() { make(); } }; }`)).toBe(false);
  });

  it("accepts ConfigModule.forRoot's load factories from @nestjs/config, not other callbacks of a module's options", () => {
    const nest = `import { Module } from '@nestjs/common'; import { ConfigModule } from '@nestjs/config'; import { make } from './f';`;
    // Hoppscotch's app.module.ts: `load: [async () => loadInfraConfiguration()]`.
    expect(calledAtLoad(`${nest} @Module({ imports: [ConfigModule.forRoot({ isGlobal: true, load: [async () => make()] })] }) export class AppModule {}`)).toBe(true);
    expect(calledAtLoad(`${nest} @Module({ imports: [ConfigModule.forRoot({ load: [make] })] }) export class AppModule {}`)).toBe(true);
    expect(calledAtLoad(`${nest} @Module({ providers: [{ provide: 'C', useFactory: () => make() }] }) export class AppModule {}`)).toBe(true);
    // A ConfigModule of the project's own; a GraphQL context callback (per request); a load factory built inside a handler.
    expect(calledAtLoad(`import { Module } from '@nestjs/common'; import { ConfigModule } from './config'; import { make } from './f'; @Module({ imports: [ConfigModule.forRoot({ load: [async () => make()] })] }) export class AppModule {}`)).toBe(false);
    expect(calledAtLoad(`${nest} @Module({ imports: [GraphQLModule.forRoot({ context: ({ req }) => make(req) })] }) export class AppModule {}`)).toBe(false);
    expect(calledAtLoad(`${nest} @Module({ imports: [ConfigModule.forRoot({ load: [() => ({ nested: () => make() })] })] }) export class AppModule {}`)).toBe(false);
    expect(calledAtLoad(`${nest} export function handle() { return ConfigModule.forRoot({ load: [async () => make()] }); }`)).toBe(false);
  });
});

// End to end, with the program's importers: Hoppscotch's infra-config helpers (tests/fixtures/typed/nest-startup), called
// from a ConfigModule load factory, @Module classes' static register() and a provider's onModuleInit(), run at startup.
const helperFile = 'nest-startup/infra-helper.ts';
typedRuleTester().run('callsOnlyAtModuleLoad: NestJS startup callers in other files (typed)', probe, {
  valid: [],
  invalid: [
    {
      name: helperFile,
      code: readFileSync(path.join(TYPED_FIXTURE_DIR, helperFile), 'utf8'),
      filename: helperFile,
      errors: ['off:startup', 'off:startup', 'off:startup', 'off:startup', 'on:server-function', 'on:server-function'].map((where) => ({ messageId: 'where' as const, data: { where } })),
    },
  ],
});
