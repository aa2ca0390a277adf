import type { PrismaClient } from '@prisma/client';
import type { PublicUser, UserRepository } from '../repositories/user-repository';
import type { ExchangeRates } from '../http/exchange-rates';

export class NotFoundError extends Error {}

export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly prisma: PrismaClient,
    private readonly rates: ExchangeRates,
  ) {}

  async profile(id: number): Promise<PublicUser> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError(`user ${id} not found`);
    return user;
  }

  // Keeps the caller's order and reports missing ids as null.
  lookup(ids: readonly number[]): Promise<(PublicUser | null)[]> {
    return this.users.findManyByIds(ids);
  }

  list(afterId: number | undefined, pageSize = 50): Promise<PublicUser[]> {
    return this.users.listPage(afterId, Math.min(pageSize, 200));
  }

  // Authors and their post titles in one query instead of one per author.
  async authorsWithPosts(ids: readonly number[]) {
    const authors = await this.users.findWithPostTitles(ids);
    return authors.map((author) => ({ ...author, postCount: author.posts.length }));
  }

  async lifetimeSpend(userId: number, currency: string): Promise<{ amount: number; currency: string }> {
    const [totals, rate] = await Promise.all([
      this.prisma.order.aggregate({ where: { userId, status: 'paid' }, _sum: { total: true } }),
      this.rates.rate('EUR', currency),
    ]);
    return { amount: Math.round((totals._sum.total ?? 0) * rate), currency };
  }

  register(email: string, name: string | null): Promise<PublicUser> {
    return this.users.create(email.trim().toLowerCase(), name);
  }
}
