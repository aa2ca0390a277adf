#!/usr/bin/env -S npx tsx
// Fills a development database with demo data: `npx tsx src/scripts/seed.ts [users]`.
import { prisma } from '../db';

const STATUSES = ['pending', 'paid', 'shipped', 'declined'] as const;

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length];
}

async function seed(userCount: number): Promise<void> {
  console.log(`Seeding ${userCount} users…`);
  await prisma.user.createMany({
    data: Array.from({ length: userCount }, (_, i) => ({ email: `user${i}@example.com`, name: `User ${i}` })),
    skipDuplicates: true,
  });

  const users = await prisma.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const orders = users.flatMap((user, i) =>
    Array.from({ length: (i % 4) + 1 }, (_, j) => ({ userId: user.id, total: 1_000 + ((i * 37 + j * 11) % 9_000), status: pick(STATUSES, i + j) })),
  );
  const posts = users.map((user, i) => ({ authorId: user.id, title: `Hello from user ${i}` }));

  // Two bulk inserts, whatever the number of users.
  await prisma.order.createMany({ data: orders });
  await prisma.post.createMany({ data: posts });

  const counts = await prisma.order.groupBy({ by: ['status'], _count: { _all: true }, orderBy: { status: 'asc' } });
  console.table(counts.map((row) => ({ status: row.status, orders: row._count._all })));
  console.log(`Done: ${users.length} users, ${orders.length} orders, ${posts.length} posts.`);
}

const userCount = Number(process.argv[2] ?? 50);
seed(userCount)
  .catch((error: unknown) => {
    console.error('Seeding failed:', error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
