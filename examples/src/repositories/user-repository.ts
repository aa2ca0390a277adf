import type { Prisma, PrismaClient } from '@prisma/client';

// What the API exposes about a user; never the whole row.
const publicUserFields = {
  id: true,
  email: true,
  name: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type PublicUser = Prisma.UserGetPayload<{ select: typeof publicUserFields }>;

export class UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findById(id: number): Promise<PublicUser | null> {
    return this.prisma.user.findUnique({ where: { id }, select: publicUserFields });
  }

  findByEmail(email: string): Promise<PublicUser | null> {
    return this.prisma.user.findUnique({ where: { email }, select: publicUserFields });
  }

  // Prisma's dataloader batches findUnique calls made in the same tick into a single
  // `WHERE id IN (...)` query, so this is one round trip, and it keeps the input order.
  findManyByIds(ids: readonly number[]): Promise<(PublicUser | null)[]> {
    return Promise.all(ids.map((id) => this.prisma.user.findUnique({ where: { id }, select: publicUserFields })));
  }

  // Keyset pagination: stable under inserts and cheap on deep pages.
  listPage(afterId: number | undefined, pageSize: number): Promise<PublicUser[]> {
    return this.prisma.user.findMany({
      select: publicUserFields,
      orderBy: { id: 'asc' },
      take: pageSize,
      ...(afterId === undefined ? {} : { cursor: { id: afterId }, skip: 1 }),
    });
  }

  findWithPostTitles(ids: readonly number[]) {
    return this.prisma.user.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true, posts: { select: { id: true, title: true } } },
    });
  }

  create(email: string, name: string | null): Promise<PublicUser> {
    return this.prisma.user.create({ data: { email, name }, select: publicUserFields });
  }
}
