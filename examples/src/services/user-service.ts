import type { PrismaClient } from '@prisma/client';
import type { PublicUser, UserRepository } from '../repositories/user-repository';
import type { ExchangeRates } from '../http/exchange-rates';
import { remember, rememberRate, storeProfile } from '../cache';

const AUTHORS_TTL_SECONDS = 60;

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
    const key = `authors:${[...ids].sort((a, b) => a - b).join(',')}`;
    const authors = await remember(key, AUTHORS_TTL_SECONDS, () => this.users.findWithPostTitles(ids));
    return authors.map((author) => ({ ...author, postCount: author.posts.length }));
  }

  async lifetimeSpend(userId: number, currency: string): Promise<{ amount: number; currency: string }> {
    const [totals, rate] = await Promise.all([
      this.prisma.order.aggregate({ where: { userId, status: 'paid' }, _sum: { total: true } }),
      rememberRate('EUR', currency, () => this.rates.rate('EUR', currency)),
    ]);
    return { amount: Math.round((totals._sum.total ?? 0) * rate), currency };
  }

  // The account page: the user and their latest orders, fetched one after the other although
  // neither query needs the other's result.
  async account(id: number) {
    const user = await this.prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
    const recentOrders = await this.prisma.order.findMany({
      where: { userId: id },
      select: { id: true, total: true, status: true },
      orderBy: { id: 'desc' },
      take: 5,
    });
    if (!user) throw new NotFoundError(`user ${id} not found`);
    return { ...user, recentOrders };
  }

  // Posts are only looked up for a user that exists, so the second query waits for the first.
  async posts(id: number) {
    const user = await this.prisma.user.findUnique({ where: { id }, select: { id: true } });
    if (!user) throw new NotFoundError(`user ${id} not found`);
    const posts = await this.prisma.post.findMany({
      where: { authorId: id },
      select: { id: true, title: true },
      orderBy: { id: 'desc' },
      take: 20,
    });
    return posts;
  }

  async register(email: string, name: string | null): Promise<PublicUser> {
    const user = await this.users.create(email.trim().toLowerCase(), name);
    await storeProfile(user);
    return user;
  }
}
