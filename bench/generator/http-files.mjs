// Per-domain HTTP layer in the domain's framework: an Express router, a Fastify plugin or a NestJS
// controller. Planted anti-patterns: console logging and blocking calls inside request handlers, and a file
// read whole into memory before it is sent.

import { nameHash } from './sprinkle.mjs';

/** What a handler logs with: the framework's logger, or (planted) console.log. */
function handlerLog(sprinkler, goodLogger, message, data) {
  return sprinkler.plant('asynchronous-logging', 0.1) ? `console.log('${message}', ${data});` : `${goodLogger}.info(${data}, '${message}');`;
}

/** How a handler signs an export: a cheap hash, async key derivation, or (planted) pbkdf2Sync. */
function signature(sprinkler, random) {
  if (sprinkler.plant('blocking-calls', 0.1)) {
    return {
      imports: `import { pbkdf2Sync } from 'node:crypto';`,
      setup: '',
      code: `const signature = pbkdf2Sync(payload, 'export-salt', 100_000, 32, 'sha256').toString('hex');`,
    };
  }
  if (random.chance(0.5)) {
    return {
      imports: `import { createHash } from 'node:crypto';`,
      setup: '',
      code: `const signature = createHash('sha256').update(payload).digest('hex');`,
    };
  }
  return {
    imports: `import { pbkdf2 } from 'node:crypto';\nimport { promisify } from 'node:util';`,
    setup: `\nconst pbkdf2Async = promisify(pbkdf2);\n`,
    code: `const signature = (await pbkdf2Async(payload, 'export-salt', 100_000, 32, 'sha256')).toString('hex');`,
  };
}

/** The export template: read once at startup (fine), per request asynchronously, or (planted) readFileSync per request. */
function template(sprinkler, random, name) {
  if (sprinkler.plant('blocking-calls', 0.1)) {
    return {
      imports: `import { readFileSync } from 'node:fs';\nimport path from 'node:path';`,
      setup: '',
      code: `const header = readFileSync(path.join(import.meta.dirname, '${name}-export-header.csv'), 'utf8');`,
    };
  }
  if (random.chance(0.5)) {
    return {
      imports: `import { readFileSync } from 'node:fs';\nimport path from 'node:path';`,
      setup: `\n// Read once when the module loads, not per request.\nconst EXPORT_HEADER = readFileSync(path.join(import.meta.dirname, '${name}-export-header.csv'), 'utf8');\n`,
      code: `const header = EXPORT_HEADER;`,
    };
  }
  return {
    imports: `import { readFile } from 'node:fs/promises';\nimport path from 'node:path';`,
    setup: '',
    code: `const header = await readFile(path.join(import.meta.dirname, '${name}-export-header.csv'), 'utf8');`,
  };
}

function commonImports(domain) {
  const { Name, name } = domain;
  return `import { clampPageSize, parsePage } from '../../shared/utils/pagination';
import { toDto } from './${name}.dto';
import { ${name}ToCsvRow } from './${name}.mapper';
import { ${Name}Service } from './${name}.service';
import { parseCreate${Name}Body, parseId, parseStatusChange } from './${name}.validators';`;
}

export function expressFile(domain, random, sprinkler) {
  const { Name, name, plural } = domain;
  const sign = signature(sprinkler, random);
  const header = template(sprinkler, random, name);
  const attachment = attachmentRoute(sprinkler, name);
  return `import { Router, type NextFunction, type Request, type Response } from 'express';
${sign.imports}
${header.imports}${attachment.imports}
import { logger } from '../../shared/logger';
${commonImports(domain)}

const service = new ${Name}Service();
export const ${name}Router = Router();
${sign.setup}${header.setup}${attachment.setup}
${name}Router.get('/', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const page = parsePage(req.query.page);
    const pageSize = clampPageSize(req.query.pageSize);
    ${handlerLog(sprinkler, 'logger', `list ${plural}`, '{ page, pageSize }')}
    const records = await service.list(page, pageSize + 1);
    res.json({ items: records.slice(0, pageSize).map(toDto), page, pageSize, hasMore: records.length > pageSize });
  } catch (error) {
    next(error);
  }
});

${name}Router.get('/:id', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const record = await service.get(parseId(req.params.id));
    res.json(toDto(record));
  } catch (error) {
    next(error);
  }
});

${name}Router.post('/', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const input = parseCreate${Name}Body(req.body);
    const record = await service.create(input);
    ${handlerLog(sprinkler, 'logger', `${name} created`, '{ id: record.id }')}
    res.status(201).json(toDto(record));
  } catch (error) {
    next(error);
  }
});

${name}Router.patch('/:id/status', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const { status } = parseStatusChange(req.body);
    const record = await service.changeStatus(parseId(req.params.id), status);
    res.json(toDto(record));
  } catch (error) {
    next(error);
  }
});

${name}Router.delete('/:id', async (req: Request, res: Response, next: NextFunction) => {
  try {
    await service.remove(parseId(req.params.id));
    res.status(204).end();
  } catch (error) {
    next(error);
  }
});

${name}Router.get('/owners/:ownerId/export', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const ownerId = parseId(req.params.ownerId);
    const records = await service.listWithOwners(0, 500);
    ${header.code}
    const payload = header + records.filter(({ record }) => record.ownerId === ownerId).map(({ record }) => ${name}ToCsvRow(record)).join('\\n');
    ${sign.code}
    res.setHeader('x-signature', signature);
    res.type('text/csv').send(payload);
  } catch (error) {
    next(error);
  }
});
${attachment.route}`;
}

/**
 * A stored PDF sent back: streamed by \`res.sendFile\`, or (planted) read whole into memory first. Decided by the
 * domain's name, without a random draw, so the rest of the project stays as before this plant existed.
 */
function attachmentRoute(sprinkler, name) {
  const planted = sprinkler.plantIf(nameHash(name) % 4 === 2, 'stream-large-payloads');
  const send = planted
    ? `const file = await readAttachment(joinPath(ATTACHMENTS_DIR, \`\${id}.pdf\`));
    res.type('application/pdf').send(file);`
    : `res.type('application/pdf').sendFile(joinPath(ATTACHMENTS_DIR, \`\${id}.pdf\`));`;
  return {
    imports: `${planted ? "\nimport { readFile as readAttachment } from 'node:fs/promises';" : ''}\nimport { join as joinPath, resolve as resolvePath } from 'node:path';`,
    setup: "const ATTACHMENTS_DIR = resolvePath('storage/attachments');\n",
    route: `
${name}Router.get('/:id/attachment', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const id = parseId(req.params.id);
    ${send}
  } catch (error) {
    next(error);
  }
});
`,
  };
}

export function fastifyFile(domain, random, sprinkler) {
  const { Name, name, plural } = domain;
  const sign = signature(sprinkler, random);
  const header = template(sprinkler, random, name);
  return `import type { FastifyPluginAsync } from 'fastify';
${sign.imports}
${header.imports}
import { toHttpStatus } from '../../shared/errors';
${commonImports(domain)}

const service = new ${Name}Service();
${sign.setup}${header.setup}
interface ListQuery {
  page?: string;
  pageSize?: string;
}

interface IdParams {
  id: string;
}

export const ${name}Routes: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((error, request, reply) => {
    request.log.error({ err: error }, '${name} request failed');
    reply.code(toHttpStatus(error)).send({ error: error instanceof Error ? error.message : 'unknown' });
  });

  app.get<{ Querystring: ListQuery }>('/', async (request) => {
    const page = parsePage(request.query.page);
    const pageSize = clampPageSize(request.query.pageSize);
    ${handlerLog(sprinkler, 'request.log', `list ${plural}`, '{ page, pageSize }')}
    const records = await service.list(page, pageSize + 1);
    return { items: records.slice(0, pageSize).map(toDto), page, pageSize, hasMore: records.length > pageSize };
  });

  app.get<{ Params: IdParams }>('/:id', async (request) => {
    const record = await service.get(parseId(request.params.id));
    return toDto(record);
  });

  app.post<{ Body: unknown }>('/', async (request, reply) => {
    const record = await service.create(parseCreate${Name}Body(request.body));
    ${handlerLog(sprinkler, 'request.log', `${name} created`, '{ id: record.id }')}
    reply.code(201);
    return toDto(record);
  });

  app.patch<{ Params: IdParams; Body: unknown }>('/:id/status', async (request) => {
    const { status } = parseStatusChange(request.body);
    return toDto(await service.changeStatus(parseId(request.params.id), status));
  });

  app.delete<{ Params: IdParams }>('/:id', async (request, reply) => {
    await service.remove(parseId(request.params.id));
    reply.code(204);
  });

  app.get<{ Params: { ownerId: string } }>('/owners/:ownerId/export', async (request, reply) => {
    const ownerId = parseId(request.params.ownerId);
    const records = await service.listWithOwners(0, 500);
    ${header.code}
    const payload = header + records.filter(({ record }) => record.ownerId === ownerId).map(({ record }) => ${name}ToCsvRow(record)).join('\\n');
    ${sign.code}
    reply.header('x-signature', signature).type('text/csv');
    return payload;
  });
};
`;
}

export function nestFile(domain, random, sprinkler) {
  const { Name, name, Plural, plural } = domain;
  const sign = signature(sprinkler, random);
  const header = template(sprinkler, random, name);
  return `import { Body, Controller, DefaultValuePipe, Delete, Get, Header, HttpCode, Logger, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
${sign.imports}
${header.imports}
${commonImports(domain)}
${sign.setup}${header.setup}
@Controller('${plural}')
export class ${Plural}Controller {
  private readonly logger = new Logger(${Plural}Controller.name);

  constructor(private readonly service: ${Name}Service) {}

  @Get()
  async list(
    @Query('page', new DefaultValuePipe(0), ParseIntPipe) page: number,
    @Query('pageSize', new DefaultValuePipe(20), ParseIntPipe) requestedPageSize: number,
  ) {
    const pageSize = clampPageSize(requestedPageSize);
    ${sprinkler.plant('asynchronous-logging', 0.1) ? `console.log('list ${plural}', { page: parsePage(page), pageSize });` : `this.logger.log(\`list ${plural} page \${parsePage(page)} size \${pageSize}\`);`}
    const records = await this.service.list(parsePage(page), pageSize + 1);
    return { items: records.slice(0, pageSize).map(toDto), page, pageSize, hasMore: records.length > pageSize };
  }

  @Get(':id')
  async findOne(@Param('id') id: string) {
    return toDto(await this.service.get(parseId(id)));
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    const record = await this.service.create(parseCreate${Name}Body(body));
    ${sprinkler.plant('asynchronous-logging', 0.1) ? `console.log('${name} created', record.id);` : `this.logger.log(\`${name} \${record.id} created\`);`}
    return toDto(record);
  }

  @Patch(':id/status')
  async changeStatus(@Param('id') id: string, @Body() body: unknown) {
    const { status } = parseStatusChange(body);
    return toDto(await this.service.changeStatus(parseId(id), status));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.service.remove(parseId(id));
  }

  @Get('owners/:ownerId/export')
  @Header('content-type', 'text/csv')
  async export(@Param('ownerId', ParseIntPipe) ownerId: number): Promise<string> {
    const records = await this.service.listWithOwners(0, 500);
    ${header.code}
    const payload = header + records.filter(({ record }) => record.ownerId === ownerId).map(({ record }) => ${name}ToCsvRow(record)).join('\\n');
    ${sign.code}
    this.logger.debug(\`export signed \${signature.slice(0, 8)}\`);
    return payload;
  }
}
`;
}

const HTTP_FILES = {
  express: { suffix: 'routes', generate: expressFile },
  fastify: { suffix: 'fastify', generate: fastifyFile },
  nest: { suffix: 'controller', generate: nestFile },
};

export function httpFileSuffix(domain) {
  return HTTP_FILES[domain.framework].suffix;
}

export function httpFile(domain, random, sprinkler) {
  return HTTP_FILES[domain.framework].generate(domain, random, sprinkler);
}
