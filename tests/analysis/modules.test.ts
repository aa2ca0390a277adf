import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { getImportOrigin, isProjectModuleSpecifier, trackModuleReferences, moduleTraceMap, ReferenceTracker } from '../../src/analysis/modules';
import { untypedRuleTester } from '../rule-tester';

// A probe rule that reports what the module helpers see, so their behaviour is pinned by plain rule tests.
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { origin: '{{origin}}', tracked: 'tracked {{path}}' } },
  create(context) {
    return {
      'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
        const arg = node.arguments[0] as TSESTree.Identifier;
        const origin = getImportOrigin(arg, context.sourceCode.getScope(node));
        context.report({ node, messageId: 'origin', data: { origin: origin ? `${origin.source}#${origin.imported}#${origin.isProjectModule}` : 'none' } });
      },
      'Program:exit'() {
        const traceMap = moduleTraceMap({ fs: { readFileSync: { [ReferenceTracker.CALL]: true } } });
        for (const { node, path } of trackModuleReferences(context.sourceCode, traceMap)) {
          context.report({ node, messageId: 'tracked', data: { path: path.join('.') } });
        }
      },
    };
  },
});

untypedRuleTester().run('analysis-modules', probe, {
  valid: [
    // A user function named like an fs API is not fs.
    'function readFileSync(p: string) { return p; } readFileSync("x");',
    'const fs = { readFileSync() {} }; fs.readFileSync("x");',
  ],
  invalid: [
    { code: 'import { PrismaClient as PC } from "@prisma/client"; probe(PC);', errors: [{ messageId: 'origin', data: { origin: '@prisma/client#PrismaClient#false' } }] },
    { code: 'import db from "./db"; probe(db);', errors: [{ messageId: 'origin', data: { origin: './db#default#true' } }] },
    { code: 'import * as pg from "pg"; probe(pg);', errors: [{ messageId: 'origin', data: { origin: 'pg#*#false' } }] },
    { code: 'const { Pool: P } = require("pg"); probe(P);', errors: [{ messageId: 'origin', data: { origin: 'pg#Pool#false' } }] },
    { code: 'const Redis = require("ioredis").default; probe(Redis);', errors: [{ messageId: 'origin', data: { origin: 'ioredis#default#false' } }] },
    { code: 'const x = 1; probe(x);', errors: [{ messageId: 'origin', data: { origin: 'none' } }] },
    // An import-equals binding has no ImportDeclaration: no origin, and no crash.
    { code: 'import fs = require("fs"); probe(fs);', errors: [{ messageId: 'origin', data: { origin: 'none' } }] },
    { code: 'import { readFileSync as rf } from "node:fs"; rf("a");', errors: [{ messageId: 'tracked', data: { path: 'node:fs.readFileSync' } }] },
    { code: 'import fs from "fs"; fs.readFileSync("a");', errors: [{ messageId: 'tracked', data: { path: 'fs.default.readFileSync' } }] },
    { code: 'import * as fs from "fs"; fs.readFileSync("a");', errors: [{ messageId: 'tracked', data: { path: 'fs.readFileSync' } }] },
    { code: 'const fs = require("fs"); fs.readFileSync("a");', errors: [{ messageId: 'tracked', data: { path: 'fs.readFileSync' } }] },
    { code: 'const { readFileSync } = require("node:fs"); readFileSync("a");', errors: [{ messageId: 'tracked', data: { path: 'node:fs.readFileSync' } }] },
  ],
});

// `import fs = require('fs')` is followed only when asked, so rules that do not ask keep their answers.
const importEqualsProbe = ESLintUtils.RuleCreator.withoutDocs<[{ importEquals: boolean }], 'tracked'>({
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { importEquals: { type: 'boolean' } }, additionalProperties: false }],
    messages: { tracked: 'tracked {{path}}' },
    defaultOptions: [{ importEquals: true }],
  },
  create(context, [options]) {
    return {
      'Program:exit'() {
        const traceMap = moduleTraceMap({ fs: { readFileSync: { [ReferenceTracker.CALL]: true } } });
        for (const { node, path } of trackModuleReferences(context.sourceCode, traceMap, { importEquals: options.importEquals })) {
          context.report({ node, messageId: 'tracked', data: { path: path.join('.') } });
        }
      },
    };
  },
});

untypedRuleTester().run('analysis-modules (import equals)', importEqualsProbe, {
  valid: [
    { code: 'import fs = require("fs"); fs.readFileSync("a");', options: [{ importEquals: false }] },
    'import type fs = require("fs"); declare const f: typeof fs; f.readFileSync("a");',
    'import fs = require("./fs"); fs.readFileSync("a");',
    'import fs = require("fs"); function f(fs: any) { fs.readFileSync("a"); }',
  ],
  invalid: [
    { code: 'import fs = require("fs"); fs.readFileSync("a");', errors: [{ messageId: 'tracked', data: { path: 'fs.readFileSync' } }] },
    { code: 'import fs = require("node:fs"); const read = fs.readFileSync; read("a");', errors: [{ messageId: 'tracked', data: { path: 'node:fs.readFileSync' } }] },
    { code: 'export import fs = require("fs"); const { readFileSync } = fs; readFileSync("a");', errors: [{ messageId: 'tracked', data: { path: 'fs.readFileSync' } }] },
  ],
});

describe('isProjectModuleSpecifier', () => {
  it('knows relative paths, root aliases and files a monorepo alias names by their NestJS-style role', () => {
    for (const source of ['./db', '../lib/prisma', '@/db', '~/db', '#db', 'src/prisma/prisma.service', '@src/db', '@gitroom/nestjs-libraries/database/prisma/prisma.service', '@app/orders/orders.repository', '@docmost/db/repos/page/page.repo', '@docmost/db/types/kysely.types', 'libs/shared/user.entity', '@langfuse/shared/src/db', 'shared/src/server']) {
      expect(isProjectModuleSpecifier(source), source).toBe(true);
    }
  });
  it('leaves npm packages and their deep imports alone', () => {
    for (const source of ['@prisma/client', '@prisma/client/runtime/library', 'rxjs/operators', 'date-fns/locale/en-US', 'socket.io', 'highlight.js/lib/languages/javascript', '@nestjs/common', 'core-js/stable/array/from.js', 'lodash.merge']) {
      expect(isProjectModuleSpecifier(source), source).toBe(false);
    }
  });
});
