import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { callsOnlyAtModuleLoad } from '../../src/analysis/load-time-calls';

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

  it("accepts calls in a NestJS provider's useFactory, in a module's decorator or at the top level, not in other callbacks", () => {
    expect(calledAtLoad(`import { make } from './f'; @Module({ providers: [{ provide: 'DS', useFactory: async () => make() }] }) export class DbModule {}`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; const imports = [TypeOrmModule.forRootAsync({ useFactory() { return make(); } })];`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; @Module({ providers: [{ provide: 'DS', useValue: { build: () => make() } }] }) export class DbModule {}`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; @Controller() export class C { @Get() list() { return make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class DbModule { static forRoot() { return { providers: [{ provide: 'DS', useFactory: () => make() }] }; } }`)).toBe(false);
  });

  it('accepts calls in a top-level startup function, not in functions nested in one or in methods of that name', () => {
    expect(calledAtLoad(`import { make } from './f'; export async function initAuthSecrets() { secret = await make(); } let secret;`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; export const initClients = async () => { client = make(); }; let client;`)).toBe(true);
    expect(calledAtLoad(`import { make } from './f'; export function initRoutes(app) { app.get('/', () => make()); }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export class Node { init(data, input) { return make(); } }`)).toBe(false);
    expect(calledAtLoad(`import { make } from './f'; export function handle() { return make(); } export function initX() { make(); }`)).toBe(false);
  });
});
