import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import requireFetchTimeout from '../../rules/require-fetch-timeout';
import noUnboundedConcurrency from '../../rules/no-unbounded-concurrency';
import { httpModuleUse } from '../../src/analysis/nest-http-module';
import { messagesOnDisk } from '../rule-tester';

// NestJS's HttpService (@nestjs/axios) sends through the axios instance its HttpModule was registered with. A bare
// `HttpModule` in the providing module's imports hands out axios's default instance: no timeout (Hexabot's license
// module, Novu's Vercel integration). The providing module is read from disk: the nearest folder with a *.module.ts.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-nest-http-'));
function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
write('package.json', JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^11.0.0', '@nestjs/axios': '^4.0.0' } }));
// Bare: the service in a subfolder of the module's folder.
write('src/license/license.module.ts', "import { HttpModule } from '@nestjs/axios';\nimport { Module } from '@nestjs/common';\n@Module({ imports: [HttpModule], providers: [] })\nexport class LicenseModule {}\n");
// Registered with a timeout.
write('src/billing/billing.module.ts', "import { HttpModule } from '@nestjs/axios';\n@Module({ imports: [HttpModule.register({ timeout: 5000, maxRedirects: 5 })] })\nexport class BillingModule {}\n");
// Registered through a factory in another file.
write('src/crm/crm.module.ts', "import { HttpModule } from '@nestjs/axios';\n@Module({ imports: [HttpModule.registerAsync({ useClass: HttpConfigService })] })\nexport class CrmModule {}\n");
// The nearest module imports a shared module, which may register HttpModule any way it likes.
write('src/shared/shared.module.ts', "import { HttpModule } from '@nestjs/axios';\n@Module({ imports: [HttpModule], exports: [HttpModule] })\nexport class SharedModule {}\n");
write('src/reports/reports.module.ts', "import { SharedModule } from '../shared/shared.module';\n@Module({ imports: [SharedModule] })\nexport class ReportsModule {}\n");
// A second package whose bootstrap sets axios's defaults: a bare HttpModule uses that instance.
write('apps/worker/package.json', JSON.stringify({ name: 'worker' }));
write('apps/worker/src/main.ts', "import axios from 'axios';\naxios.defaults.timeout = 10_000;\nbootstrap();\n");
write('apps/worker/src/telemetry/telemetry.module.ts', "import { HttpModule } from '@nestjs/axios';\n@Module({ imports: [HttpModule] })\nexport class TelemetryModule {}\n");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function findings(filename: string, code: string): string[] {
  return messagesOnDisk(root, filename, code, { 'require-fetch-timeout': requireFetchTimeout, 'no-unbounded-concurrency': noUnboundedConcurrency }).map(
    (message) => `${message.line} ${message.ruleId}`,
  );
}

const service = (body: string, imports = "import { HttpService } from '@nestjs/axios';") => `${imports}
import { Injectable } from '@nestjs/common';
@Injectable()
export class LemonSqueezyService {
  constructor(private readonly httpService: HttpService) {}
${body}
}
`;

describe("NestJS's HttpService", () => {
  it('sends without a timeout under a bare HttpModule: its Observable methods and its axios instance', () => {
    const code = service(`  validate(key: string) {
    return firstValueFrom(this.httpService.post('https://api.lemonsqueezy.com/v1/licenses/validate', { key }));
  }
  async activate(key: string) {
    const { data } = await this.httpService.axiosRef.post('https://api.lemonsqueezy.com/v1/licenses/activate', { key });
    return data;
  }`);
    expect(findings('src/license/services/lemon-squeezy.service.ts', code)).toEqual(['7 p/require-fetch-timeout', '10 p/require-fetch-timeout']);
  });

  it('names the module registration and the rxjs operator in its message', () => {
    const code = service("  check() { return this.httpService.get('https://api.example.com/health'); }");
    const [message] = messagesOnDisk(root, 'src/license/license.service.ts', code, { 'require-fetch-timeout': requireFetchTimeout });
    expect(message.message).toContain('`HttpModule.register({ timeout })`');
    expect(message.message).toContain("rxjs's `timeout(ms)`");
  });

  it('is found through a field assigned in the constructor, an injected field and a function parameter', () => {
    const code = `import { HttpService as Http } from '@nestjs/axios';
export class A { private http: Http; constructor(http: Http) { this.http = http; } ping() { return this.http.get('https://a.example.com'); } }
export class B { @Inject() private readonly http: Http; ping() { return this.http.head('https://b.example.com'); } }
export const send = (httpService: Http, data: object) => firstValueFrom(httpService.post('https://c.example.com', data));
`;
    expect(findings('src/license/clients.ts', code)).toEqual(['2 p/require-fetch-timeout', '3 p/require-fetch-timeout', '4 p/require-fetch-timeout']);
  });

  it('counts as outbound HTTP for the other rules: a request per element of an unbounded list at once', () => {
    const code = service(`  async sync(projectIds: string[]) {
    await Promise.all(projectIds.map((id) => lastValueFrom(this.httpService.post(\`https://api.vercel.com/v10/projects/\${id}/env\`, {}, { timeout: 5000 }))));
  }`);
    expect(findings('src/license/vercel.service.ts', code)).toEqual(['7 p/no-unbounded-concurrency']);
  });

  it('is bounded by a timeout in its config, an rxjs timeout operator, or axiosRef defaults set in the file', () => {
    const code = service(`  a() { return this.httpService.get('https://a.example.com', { timeout: 3000 }); }
  b() { return firstValueFrom(this.httpService.get('https://b.example.com').pipe(map((r) => r.data), timeout(5000))); }
  c() { return this.httpService.post('https://c.example.com', {}).pipe(timeoutWith(5000, of(null))); }`);
    expect(findings('src/license/bounded.service.ts', code)).toEqual([]);
    const defaults = service(`  onModuleInit() { this.httpService.axiosRef.defaults.timeout = 5000; }
  a() { return this.httpService.get('https://a.example.com'); }`);
    expect(findings('src/license/defaults.service.ts', defaults)).toEqual([]);
  });

  it('stays quiet when an Observable is held for later: a caller may pipe a timeout', () => {
    const code = service(`  a() { const request$ = this.httpService.get('https://a.example.com'); return request$; }`);
    expect(findings('src/license/held.service.ts', code)).toEqual([]);
  });

  it('stays quiet when the module registers HttpModule, the service comes from another module, or the bootstrap sets defaults', () => {
    const code = service("  a() { return this.httpService.get('https://a.example.com'); }");
    expect(findings('src/billing/billing.service.ts', code)).toEqual([]);
    expect(findings('src/crm/services/crm.service.ts', code)).toEqual([]);
    expect(findings('src/reports/reports.service.ts', code)).toEqual([]);
    expect(findings('apps/worker/src/telemetry/telemetry.service.ts', code)).toEqual([]);
    // No module above the file up to its package's root.
    expect(findings('scripts/ping.ts', code)).toEqual([]);
  });

  it('is the class of @nestjs/axios (or @nestjs/common before Nest 8), not any HttpService', () => {
    const own = service("  a() { return this.httpService.get('https://a.example.com'); }", "import { HttpService } from './http.service';");
    expect(findings('src/license/own.service.ts', own)).toEqual([]);
    const legacy = service("  a() { return this.httpService.get('https://a.example.com'); }", "import { HttpService } from '@nestjs/common';");
    expect(findings('src/license/legacy.service.ts', legacy)).toEqual(['6 p/require-fetch-timeout']);
  });
});

describe("a module's use of HttpModule, read from its text", () => {
  it('tells a bare import from a registration and from other names', () => {
    expect(httpModuleUse("import { HttpModule } from '@nestjs/axios';\n@Module({ imports: [HttpModule, UsersModule] })")).toBe('bare');
    expect(httpModuleUse('@Module({ imports: [HttpModule\n  .register({ maxRedirects: 5 })] })')).toBe('configured');
    expect(httpModuleUse('@Module({ imports: [HttpModule], providers: [{ provide: "t", useValue: { timeout: 1 } }] })')).toBe('configured');
    expect(httpModuleUse('@Module({ imports: [HttpModule], providers: [{ provide: AXIOS_INSTANCE_TOKEN, useValue: client }] })')).toBe('configured');
    expect(httpModuleUse("import { MyHttpModule } from './http'; @Module({ imports: [MyHttpModule, HttpModuleOptionsFactory] })")).toBe('absent');
    expect(httpModuleUse('@Module({ imports: [UsersModule] })')).toBe('absent');
  });

  it('scans a large text in linear time', () => {
    const text = 'HttpModule '.repeat(200_000);
    const start = performance.now();
    expect(httpModuleUse(text)).toBe('bare');
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
