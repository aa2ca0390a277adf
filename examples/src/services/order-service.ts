import type { Order, PrismaClient } from '@prisma/client';
import type { Queue } from 'bullmq';
import type { OrderRepository, OrderRow } from '../repositories/order-repository';
import type { PaymentsClient } from '../http/payments-client';
import type { ShippingClient } from '../http/shipping-client';
import { broadcast, notifyInternal, type OrderEvent } from '../http/webhooks';
import { config } from '../config';
import type { Logger } from '../logger';

export interface OrderSummary {
  id: number;
  total: number;
  status: string;
  customerEmail: string | null;
}

export interface OrderWithCustomer extends Order {
  billable: boolean;
  customerEmail: string | null;
}

export class OrderStateError extends Error {}

const UPDATE_CHUNK_SIZE = 500;

// The statuses finance invoices for.
const BILLABLE_STATUSES: readonly string[] = ['paid', 'shipped'];

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export class OrderService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly orders: OrderRepository,
    private readonly payments: PaymentsClient,
    private readonly shipping: ShippingClient,
    private readonly logger: Logger,
    private readonly notifications: Queue,
  ) {}

  async recentSummaries(limit: number): Promise<OrderSummary[]> {
    const recent = await this.prisma.order.findMany({ orderBy: { id: 'desc' }, take: limit });
    const summaries: OrderSummary[] = [];
    for (const order of recent) {
      // N+1: one query per order to look up its customer; `include: { user: ... }` does it in one.
      const customer = await this.prisma.user.findUnique({
        where: { id: order.userId },
        select: { email: true },
      });
      summaries.push({ id: order.id, total: order.total, status: order.status, customerEmail: customer?.email ?? null });
    }
    return summaries;
  }

  // The same listing with the customer joined in by Prisma.
  async recentSummariesJoined(limit: number): Promise<OrderSummary[]> {
    const recent = await this.prisma.order.findMany({
      orderBy: { id: 'desc' },
      take: limit,
      select: { id: true, total: true, status: true, user: { select: { email: true } } },
    });
    return recent.map(({ user, ...order }) => ({ ...order, customerEmail: user.email }));
  }

  historyFor(userId: number): Promise<OrderRow[]> {
    return this.orders.findByUser(userId, 100);
  }

  async place(userId: number, total: number): Promise<Order> {
    const order = await this.prisma.order.create({ data: { userId, total, status: 'pending' } });
    // Stringifies the whole order on every request, before pino even checks the level.
    this.logger.info(JSON.stringify(order));

    const charge = await this.payments.charge(order.id, total);
    const status = charge.status === 'succeeded' ? 'paid' : 'declined';
    const updated = await this.prisma.order.update({ where: { id: order.id }, data: { status } });
    this.logger.info({ orderId: order.id, userId, status }, 'order placed');
    return updated;
  }

  // Ships every paid order: one label request and one UPDATE per chunk of 500, not per order.
  async shipPaid(): Promise<number> {
    const paid = await this.prisma.order.findMany({ where: { status: 'paid' }, select: { id: true } });
    let shipped = 0;
    for (const ids of chunk(paid.map((order) => order.id), UPDATE_CHUNK_SIZE)) {
      await this.shipping.createLabels(ids);
      const { count } = await this.prisma.order.updateMany({ where: { id: { in: ids } }, data: { status: 'shipped' } });
      shipped += count;
    }
    this.logger.info({ shipped }, 'shipped paid orders');
    return shipped;
  }

  async revenueByStatus(): Promise<Record<string, number>> {
    const recent = await this.prisma.order.findMany({ select: { status: true, total: true }, take: 1_000 });
    const revenue: Record<string, number> = {};
    // Plain arithmetic per order, no I/O in the loop.
    for (const order of recent) {
      revenue[order.status] = (revenue[order.status] ?? 0) + order.total;
    }
    return revenue;
  }

  // Two queries instead of one per order, but the join is a linear search per order.
  async withCustomers(ids: readonly number[]): Promise<OrderWithCustomer[]> {
    const orders = await this.prisma.order.findMany({ where: { id: { in: [...ids] } } });
    const customers = await this.prisma.user.findMany({
      where: { id: { in: orders.map((order) => order.userId) } },
      select: { id: true, email: true },
    });
    return orders.map((order) => ({
      ...order,
      billable: BILLABLE_STATUSES.includes(order.status),
      customerEmail: customers.find((customer) => customer.id === order.userId)?.email ?? null,
    }));
  }

  // The e-mail job is queued while the order row is still locked, and it goes out even when the
  // commit fails afterwards.
  cancel(orderId: number): Promise<Order> {
    return this.prisma.$transaction(async (tx) => {
      const current = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
      if (current.status !== 'pending') throw new OrderStateError(`order ${orderId} is ${current.status}`);
      const order = await tx.order.update({ where: { id: orderId }, data: { status: 'cancelled' } });
      await this.notifications.add('order-cancelled', { orderId, userId: order.userId });
      return order;
    });
  }

  // The same checks, with the e-mail queued once the transaction has committed.
  async markDelivered(orderId: number): Promise<Order> {
    const order = await this.prisma.$transaction(async (tx) => {
      const current = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
      if (current.status !== 'shipped') throw new OrderStateError(`order ${orderId} is ${current.status}`);
      return tx.order.update({ where: { id: orderId }, data: { status: 'delivered' } });
    });
    await this.notifications.add('order-delivered', { orderId, userId: order.userId });
    const event: OrderEvent = { type: 'order.delivered', orderId, at: new Date().toISOString() };
    await Promise.all([notifyInternal(event), broadcast(config.partnerWebhookUrls, event)]);
    return order;
  }
}
