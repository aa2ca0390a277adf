// The business domains of the generated backend: names in every spelling the code needs, their fields,
// and which data-access library and HTTP framework each one uses.

const DOMAIN_NAMES = [
  'invoice', 'payment', 'shipment', 'product', 'customer', 'account', 'notification', 'review',
  'cart', 'coupon', 'warehouse', 'supplier', 'subscription', 'ticket', 'comment', 'article',
  'category', 'label', 'team', 'project', 'milestone', 'audit', 'webhook', 'refund',
  'vendor', 'employee', 'department', 'contract', 'prospect', 'campaign', 'booking', 'room',
  'device', 'sensor', 'incident', 'gauge', 'attachment', 'upload', 'schedule', 'tenant',
  'plan', 'feature', 'grant', 'address', 'delivery', 'discount', 'quote', 'lesson',
  'course', 'enrollment', 'survey', 'badge', 'channel', 'playlist', 'album', 'voucher',
  'parcel', 'route', 'driver', 'vehicle', 'claim', 'policy', 'agent', 'branch',
];

/** Optional per-domain columns: camelCase in records, snake_case in SQL rows. */
const EXTRA_FIELDS = [
  { name: 'description', ts: 'string', column: 'text' },
  { name: 'quantity', ts: 'number', column: 'int' },
  { name: 'active', ts: 'boolean', column: 'boolean' },
  { name: 'code', ts: 'string', column: 'varchar' },
  { name: 'priority', ts: 'number', column: 'int' },
  { name: 'notes', ts: 'string', column: 'text' },
  { name: 'currency', ts: 'string', column: 'varchar' },
  { name: 'region', ts: 'string', column: 'varchar' },
  { name: 'score', ts: 'number', column: 'int' },
  { name: 'externalId', ts: 'string', column: 'varchar' },
  { name: 'archived', ts: 'boolean', column: 'boolean' },
  { name: 'weight', ts: 'number', column: 'int' },
  { name: 'email', ts: 'string', column: 'varchar' },
  { name: 'locale', ts: 'string', column: 'varchar' },
];

/** How a domain maps onto the models of the Prisma schema the typed tests use (tests/fixtures/typed/prisma). */
export const PRISMA_MODELS = {
  order: {
    delegate: 'order',
    rowType: '{ id: number; total: number; status: string; userId: number }',
    select: '{ id: true, total: true, status: true, userId: true }',
    ownerField: 'userId',
    relation: 'user',
    toRecord: (row) => `{ id: ${row}.id, ownerId: ${row}.userId, status: ${row}.status, label: \`order-\${${row}.id}\`, amount: ${row}.total, createdAt: new Date(0) }`,
    statusWhere: (value) => (value === 'status' ? '{ status }' : `{ status: ${value} }`),
    statusData: (value) => (value === 'status' ? '{ status }' : `{ status: ${value} }`),
    createData: (input) => `{ total: ${input}.amount, status: ${input}.status, userId: ${input}.ownerId }`,
  },
  user: {
    delegate: 'user',
    rowType: '{ id: number; email: string; name: string | null; createdAt: Date }',
    select: '{ id: true, email: true, name: true, createdAt: true }',
    ownerField: 'id',
    relation: 'orders',
    toRecord: (row) => `{ id: ${row}.id, ownerId: ${row}.id, status: ${row}.name ?? 'active', label: ${row}.email, amount: 0, createdAt: ${row}.createdAt }`,
    statusWhere: (value) => `{ name: ${value} }`,
    statusData: (value) => `{ name: ${value} }`,
    createData: (input) => `{ email: ${input}.label, name: ${input}.status }`,
  },
  post: {
    delegate: 'post',
    rowType: '{ id: number; title: string; authorId: number }',
    select: '{ id: true, title: true, authorId: true }',
    ownerField: 'authorId',
    relation: 'author',
    toRecord: (row) => `{ id: ${row}.id, ownerId: ${row}.authorId, status: 'published', label: ${row}.title, amount: 0, createdAt: new Date(0) }`,
    statusWhere: (value) => `{ title: { startsWith: ${value} } }`,
    statusData: (value) => `{ title: ${value} }`,
    createData: (input) => `{ title: ${input}.label, authorId: ${input}.ownerId }`,
  },
};

const DATA_LIBRARIES = ['prisma', 'typeorm', 'knex', 'pg'];
const FRAMEWORKS = ['express', 'fastify', 'nest'];

function plural(word) {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

const pascal = (word) => word[0].toUpperCase() + word.slice(1);
export const snake = (name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export function createDomains(random, count) {
  const prismaModels = Object.keys(PRISMA_MODELS);
  const domains = [];
  for (let index = 0; index < count; index++) {
    const base = DOMAIN_NAMES[index % DOMAIN_NAMES.length];
    // Past the list, domains repeat with a numbered suffix (e.g. invoice2), like versioned modules.
    const round = Math.floor(index / DOMAIN_NAMES.length);
    const name = round === 0 ? base : `${base}${round + 1}`;
    const plurals = round === 0 ? plural(base) : `${plural(base)}${round + 1}`;
    domains.push({
      name,
      plural: plurals,
      Name: pascal(name),
      Plural: pascal(plurals),
      table: snake(plurals),
      dataLibrary: DATA_LIBRARIES[index % DATA_LIBRARIES.length],
      framework: FRAMEWORKS[(index + Math.floor(index / 4)) % FRAMEWORKS.length],
      prismaModel: PRISMA_MODELS[prismaModels[index % prismaModels.length]],
      extraFields: random.sample(EXTRA_FIELDS, random.int(2, 6)),
    });
  }
  return domains;
}
