import { parse } from '@typescript-eslint/parser';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { exportsMigrationSteps, programFileExportsMigrationSteps } from '../../src/analysis/migration-shape';

const MIGRATIONS = [
  `export async function up(knex) {}\nexport async function down(knex) {}`,
  `export const up = async (knex) => {};\nexport const down = function () {};`,
  `const alteration = { up: async (pool) => {}, down: async (pool) => {} };\nexport default alteration;`,
  `export default { up: async () => {}, down: async () => {} } satisfies Record<string, unknown>;`,
  `export class AddUsers1700000000000 { async up(queryRunner) {} async down(queryRunner) {} }`,
  `export default class AddUsers { async up() {} async down() {} }`,
  `module.exports = { up: async (queryInterface) => {}, down: async () => {} };`,
  `exports.up = async () => {};\nexports.down = async () => {};`,
  `async function up() {}\nasync function down() {}\nexport { up, down };`,
];

const OTHERS = [
  `export async function up(knex) {}\nexport const down = 'DOWN';`,
  `export const up = 1; export const down = -1;`,
  `const steps = { up: async () => {}, down: async () => {} };\nexport default function run() {}`,
  `export class Elevator { up() {} }`,
  `class Internal { up() {} down() {} }\nexport const x = 1;`,
];

const byEstree = (code: string) => exportsMigrationSteps(parse(code, { range: true }) as never);
const byProgram = (code: string) => programFileExportsMigrationSteps(ts.createSourceFile('m.ts', code, ts.ScriptTarget.Latest, true));

describe('migration modules by their shape', () => {
  it('finds an up and a down step in every export style, on both ASTs', () => {
    for (const code of MIGRATIONS) {
      expect(byEstree(code), code).toBe(true);
      expect(byProgram(code), code).toBe(true);
    }
  });

  it('leaves other modules alone', () => {
    for (const code of OTHERS) {
      expect(byEstree(code), code).toBe(false);
      expect(byProgram(code), code).toBe(false);
    }
  });
});
