import { requestPathProbe as probe } from './request-path-probe';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** A case whose `here()` calls are classified as `expected`, in order. */
function at(code: string, expected: string[], extra: { filename?: string } = {}) {
  return { code, ...extra, errors: expected.map((where) => ({ messageId: 'where' as const, data: { where } })) };
}

// False positives of no-sync-logging in openstatusHQ/openstatus: code Next.js runs at build time, closures a
// development-only factory hands out, the constructor of a module's singleton.
untypedRuleTester().run('analysis-request-path: build time, development-only factories, module singletons', probe, {
  valid: [],
  invalid: [
    // Next.js calls an App Router page's or layout's generateStaticParams, and a sitemap's generateSitemaps, once at `next build`.
    at(`export async function generateStaticParams() { here(); return [{ slug: 'a' }]; }`, ['off:startup'], { filename: 'apps/web/src/app/(content)/blog/[slug]/page.tsx' }),
    at(`export const generateStaticParams = async () => { here(); return []; };`, ['off:startup'], { filename: 'app/[locale]/layout.tsx' }),
    at(`async function generateStaticParams() { here(); return []; }\nexport { generateStaticParams };`, ['off:startup'], { filename: 'src/app/docs/[...slug]/page.ts' }),
    at(`export async function generateSitemaps() { here(); return [{ id: 0 }]; }`, ['off:startup'], { filename: 'apps/web/src/app/sitemap.ts' }),
    // …and so do the helpers only they call.
    at(`async function allSlugs() { here(); return ['a']; }\nexport async function generateStaticParams() { return (await allSlugs()).map((slug) => ({ slug })); }`, ['off:startup'], { filename: 'app/blog/[slug]/page.tsx' }),
    // Not generateMetadata (per request on a dynamic page), generateImageMetadata, the page itself, or a helper it calls too.
    at(`export async function generateMetadata({ params }) { here(); return { title: params.slug }; }`, ['on:server-function'], { filename: 'app/blog/[slug]/page.tsx' }),
    at(`export function generateImageMetadata({ params }) { here(); return [{ id: params.id }]; }`, ['on:server-function'], { filename: 'app/products/[id]/opengraph-image.tsx' }),
    at(`export async function generateStaticParams() { return []; }\nexport default async function Page({ params }) { here(); return params.slug; }`, ['on:server-function'], { filename: 'app/blog/[slug]/page.tsx' }),
    at(`async function allSlugs() { here(); return ['a']; }\nexport async function generateStaticParams() { return allSlugs(); }\nexport default async function Page() { return allSlugs(); }`, ['on:server-function'], { filename: 'app/blog/[slug]/page.tsx' }),
    // Nor those names elsewhere: another file, a sitemap's generateStaticParams, a page's generateSitemaps, a folder only ending in `app`.
    at(`export async function generateStaticParams() { here(); return []; }`, ['on:server-function'], { filename: 'src/lib/posts.ts' }),
    at(`export async function generateStaticParams() { here(); return []; }`, ['on:server-function'], { filename: 'app/sitemap.ts' }),
    at(`export async function generateSitemaps() { here(); return []; }`, ['on:server-function'], { filename: 'app/blog/page.tsx' }),
    at(`export async function generateStaticParams() { here(); return []; }`, ['on:server-function'], { filename: 'src/webapp/page.tsx' }),

    // A closure handed out by a factory production never calls runs nowhere in production either
    // (packages/analytics/src/server.ts: `noop()` only behind a development check).
    at(
      `function noop() { here(); return { track: (event) => { here(event); } }; }\nexport function getAnalytics() { if (process.env.NODE_ENV !== 'production') return noop(); return real(); }`,
      ['off:outside-production', 'off:outside-production'],
    ),
    at(
      `export async function setupAnalytics(props) { if (process.env.NODE_ENV === 'development') { return noop(); } return { track: (opts) => op.track(opts) }; }\nasync function noop() { return { track: (opts) => new Promise((resolve) => { here(opts.name); resolve(null); }) }; }`,
      ['off:outside-production'],
    ),
    at(`const noop = () => ({ track: (event) => here(event) });\nexport const analytics = process.env.NODE_ENV === 'development' ? noop() : real();`, ['off:outside-production']),
    at(`function devLogger() { return (message) => here(message); }\nexport const log = process.env.NODE_ENV === 'development' ? devLogger() : prodLogger();`, ['off:outside-production']),
    // A middleware a factory makes only in development serves no production request.
    at(`import express from 'express';\nconst app = express();\nfunction devLogger() { return (req, res, next) => { here(req.url); next(); }; }\nif (process.env.NODE_ENV === 'development') app.use(devLogger());`, ['off:outside-production']),
    // A function only called behind a debug or development check, directly or as a callback.
    at(`function dump(req) { here(req); }\nexport function handle(req) { if (process.env.DEBUG === 'true') dump(req); }`, ['off:outside-production']),
    at(`function dump(item) { here(item); }\nexport function handle(items) { if (process.env.NODE_ENV !== 'production') items.forEach(dump); }`, ['off:outside-production']),
    // Guards: a factory run once at startup or as the module loads makes handlers and clients that serve every request.
    at(`import express from 'express';\nconst app = express();\nfunction makeHandler() { return (req, res) => { here(); res.end(); }; }\napp.get('/', makeHandler());`, ['on:server-function']),
    at(`export function logger() { return (req, res, next) => { here(req.url); next(); }; }`, ['on:server-function']),
    at(`function createClient() { return { send: (message) => here(message) }; }\nexport const client = createClient();`, ['on:server-function']),
    at(`function setupTracker() { return { track: (event) => here(event) }; }\nexport const tracker = setupTracker();`, ['on:server-function']),
    at(`let handler;\nfunction make() { return () => here(); }\nexport function get() { handler ??= make(); return handler; }`, ['on:server-function']),
    // …and one production calls too, or a call outside the check.
    at(`function make() { return () => here(); }\nexport function get() { if (process.env.NODE_ENV !== 'production') return make(); return make(); }`, ['on:server-function']),
    at(`function dump(req) { here(req); }\nexport function handle(req) { if (process.env.DEBUG === 'true') dump(req); dump(req); }`, ['on:server-function']),

    // Without types, an exported class this file instantiates only as it loads is the module's singleton
    // (`export const tb = new OSTinybird(…)`): its constructor, and its field initialisers, run once.
    at(`export class OSTinybird { constructor(cfg) { if (!cfg.token) here('no token configured'); } }\nexport const tb = new OSTinybird({ token: process.env.TINYBIRD_TOKEN });`, ['off:startup']),
    at(`class Mailer { transport = here(); }\nconst mailer = new Mailer();\nexport { Mailer, mailer };`, ['off:startup']),
    at(`export default class Cache { constructor() { here(); } static key(id) { return String(id); } }\nexport const cache = new Cache();\nexport const key = Cache.key(1);`, ['off:startup']),
    // Guards: instances made in a function too, none made here, the class passed on as a value or built by a static factory.
    at(`export class Client { constructor() { here(); } }\nexport const client = new Client();\nexport function fresh() { return new Client(); }`, ['on:server-function']),
    at(`export class Client { constructor() { here(); } }`, ['on:server-function']),
    at(`export class Client { constructor() { here(); } }\nexport const client = new Client();\nregister(Client);`, ['on:server-function']),
    at(`export class Client { constructor() { here(); } static create() { return new Client(); } }\nexport const client = new Client();`, ['on:server-function']),
    at(`export class Client { constructor() { here(); } }\nexport async function initClient() { return new Client(); }`, ['on:server-function']),
  ],
});

typedRuleTester().run('analysis-request-path: module singletons (typed)', probe, {
  valid: [],
  invalid: [
    // With types the importers decide (load-time-calls.test.ts); a file nobody imports goes by its own top level.
    at(`export class Client { constructor() { here(); } }\nexport const client = new Client();`, ['off:startup']),
  ],
});
