// Per-domain business rules: pricing, access checks and scoring. Pure, branchy TypeScript with no I/O,
// the bulk of code a linter reads without anything to report.

const ROLES = ['viewer', 'editor', 'manager', 'admin', 'auditor', 'support'];
const TIERS = ['free', 'starter', 'growth', 'business', 'enterprise'];

export function policyFile(domain, random) {
  const { Name, name, Plural } = domain;
  const roles = random.sample(ROLES, random.int(3, ROLES.length));
  const tiers = random.sample(TIERS, random.int(3, TIERS.length));
  const discounts = tiers.map((tier, index) => `  ${tier}: ${Math.min(40, index * random.int(3, 8))},`).join('\n');
  const weights = Array.from({ length: random.int(3, 6) }, (_, index) => `  { threshold: ${(index + 1) * random.int(500, 3000)}, weight: ${(random.int(5, 30) / 10).toFixed(1)} },`).join('\n');
  const actions = ['read', 'create', 'update', 'delete', 'export'];
  const permissions = roles
    .map((role, index) => `  ${role}: [${actions.slice(0, Math.min(actions.length, index + 1 + random.int(0, 1))).map((a) => `'${a}'`).join(', ')}],`)
    .join('\n');
  return `import type { ${Name}Record } from './${name}.entity';

export type Role = ${roles.map((role) => `'${role}'`).join(' | ')};
export type Tier = ${tiers.map((tier) => `'${tier}'`).join(' | ')};
export type Action = ${actions.map((action) => `'${action}'`).join(' | ')};

export interface Actor {
  id: number;
  role: Role;
  tier: Tier;
  teamIds: readonly number[];
}

const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
${permissions}
};

const TIER_DISCOUNT_PERCENT: Readonly<Record<Tier, number>> = {
${discounts}
};

const AMOUNT_WEIGHTS = [
${weights}
] as const;

export function can(actor: Actor, action: Action, record?: Pick<${Name}Record, 'ownerId' | 'status'>): boolean {
  if (!PERMISSIONS[actor.role].includes(action)) return false;
  if (!record) return true;
  if (record.status === 'closed' && action !== 'read' && action !== 'export') return false;
  return record.ownerId === actor.id || actor.teamIds.includes(record.ownerId) || actor.role === '${roles[roles.length - 1]}';
}

export function assertCan(actor: Actor, action: Action, record?: Pick<${Name}Record, 'ownerId' | 'status'>): void {
  if (!can(actor, action, record)) {
    throw new Error(\`\${actor.role} \${actor.id} may not \${action} this ${name}\`);
  }
}

export function priceFor(record: Pick<${Name}Record, 'amount'>, tier: Tier, quantity = 1): number {
  const gross = record.amount * Math.max(1, quantity);
  const discount = Math.round((gross * TIER_DISCOUNT_PERCENT[tier]) / 100);
  const volume = quantity >= 100 ? Math.round(gross * 0.05) : quantity >= 10 ? Math.round(gross * 0.02) : 0;
  return Math.max(0, gross - discount - volume);
}

export function weightOf(amount: number): number {
  let weight = 1;
  for (const step of AMOUNT_WEIGHTS) {
    if (amount >= step.threshold) weight = step.weight;
  }
  return weight;
}

export function score${Name}(record: ${Name}Record, now: Date = new Date()): number {
  const ageDays = Math.max(0, (now.getTime() - record.createdAt.getTime()) / 86_400_000);
  const freshness = ageDays < 1 ? 1 : ageDays < 7 ? 0.8 : ageDays < 30 ? 0.5 : 0.2;
  let statusFactor: number;
  switch (record.status) {
    case 'active':
      statusFactor = 1;
      break;
    case 'draft':
      statusFactor = 0.6;
      break;
    case 'suspended':
      statusFactor = 0.3;
      break;
    default:
      statusFactor = 0;
  }
  return Math.round(weightOf(record.amount) * freshness * statusFactor * 100) / 100;
}

export function rank${Plural}(records: readonly ${Name}Record[], now: Date = new Date()): ${Name}Record[] {
  const scored = records.map((record) => ({ record, score: score${Name}(record, now) }));
  scored.sort((left, right) => right.score - left.score || left.record.id - right.record.id);
  return scored.map(({ record }) => record);
}

export function visible${Plural}(actor: Actor, records: readonly ${Name}Record[]): ${Name}Record[] {
  return records.filter((record) => can(actor, 'read', record));
}

export function describeTier(tier: Tier): string {
  const discount = TIER_DISCOUNT_PERCENT[tier];
  return discount === 0 ? \`\${tier}: list price\` : \`\${tier}: \${discount}% off\`;
}
`;
}
