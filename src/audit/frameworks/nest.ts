/**
 * NestJS controllers: classes decorated with `@Controller('prefix')` (or `@Controller({ path })`, or a list
 * of prefixes) whose methods carry `@Get(':id')`, `@Post()`, `@Put`, `@Patch`, `@Delete`, `@Head`,
 * `@Options` or `@All`. The decorators count only when imported from @nestjs/common (renames included),
 * so a look-alike `Get` decorator of another library is not a route. The handler is the method; what it
 * calls through injected services (`this.orders.findAll()`) is followed by the call graph.
 */
import { Node, type Decorator, type SourceFile } from 'ts-morph';
import type { HttpMethod } from '../types';
import { importOrigin, stringValue } from './imports';
import { httpMethod, joinPaths } from './route-paths';

export interface NestRoute {
  method: HttpMethod;
  path: string;
  node: Node;
  handlerName: string;
  entry: Node;
}

const NEST_MODULE = '@nestjs/common';
const METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);

/** The @nestjs/common export a decorator names (`Get`, `Controller`), or undefined for any other decorator. */
function nestDecoratorName(decorator: Decorator): string | undefined {
  const call = decorator.getCallExpression();
  const callee = call ? call.getExpression() : decorator.getExpression();
  if (Node.isIdentifier(callee)) {
    const origin = importOrigin(callee);
    return origin?.module === NEST_MODULE && origin.name !== 'default' && origin.name !== '*' ? origin.name : undefined;
  }
  // import * as common from '@nestjs/common'; @common.Get()
  if (Node.isPropertyAccessExpression(callee)) {
    const object = callee.getExpression();
    if (!Node.isIdentifier(object)) return undefined;
    const origin = importOrigin(object);
    return origin?.module === NEST_MODULE && origin.name === '*' ? callee.getName() : undefined;
  }
  return undefined;
}

/** `'users'`, `['users', 'people']`, `{ path: 'users' }` → the paths; no argument → the root. */
function decoratorPaths(decorator: Decorator): string[] {
  const [argument] = decorator.getArguments();
  if (!argument) return [''];
  let target: Node | undefined = argument;
  if (Node.isObjectLiteralExpression(argument)) {
    const property = argument.getProperty('path');
    if (!property) return [''];
    target = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  }
  if (target && Node.isArrayLiteralExpression(target)) {
    return target.getElements().map((element) => stringValue(element) ?? `{${element.getText()}}`);
  }
  const value = stringValue(target);
  return [value ?? `{${target?.getText() ?? ''}}`];
}

export function nestRoutes(file: SourceFile): NestRoute[] {
  const routes: NestRoute[] = [];
  for (const cls of file.getClasses()) {
    const controller = cls.getDecorators().find((decorator) => nestDecoratorName(decorator) === 'Controller');
    if (!controller) continue;
    const prefixes = decoratorPaths(controller);
    for (const method of cls.getMethods()) {
      for (const decorator of method.getDecorators()) {
        const name = nestDecoratorName(decorator);
        if (!name || !METHOD_DECORATORS.has(name)) continue;
        const verb = httpMethod(name);
        if (!verb) continue;
        for (const prefix of prefixes) {
          for (const path of decoratorPaths(decorator)) {
            routes.push({
              method: verb,
              path: joinPaths(prefix, path),
              node: decorator,
              handlerName: `${cls.getName() ?? '(anonymous class)'}.${method.getName()}`,
              entry: method,
            });
          }
        }
      }
    }
  }
  return routes;
}
