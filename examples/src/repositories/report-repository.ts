import knex, { type Knex } from 'knex';
import { config } from '../config';

export interface StatusCount {
  status: string;
  count: number;
}

export interface TopCustomer {
  id: number;
  email: string;
  spent: number;
}

export interface UserRevenue {
  userId: number;
  revenue: number;
}

// The read replica, opened by the first report that needs it and shared from then on.
let replica: Knex | undefined;
function replicaDb(): Knex {
  return (replica ??= knex({ client: 'pg', connection: config.replicaUrl, pool: { min: 0, max: 3 } }));
}

export class ReportRepository {
  constructor(private readonly db: Knex) {}

  async ordersPerStatus(): Promise<StatusCount[]> {
    const rows = await this.db('orders').select('status').count('* as count').groupBy('status');
    return rows.map((row) => ({ status: String(row.status), count: Number(row.count) }));
  }

  topCustomers(limit: number): Promise<TopCustomer[]> {
    return this.db('orders as o')
      .join('users as u', 'u.id', 'o.user_id')
      .sum({ spent: 'o.total' })
      .select<TopCustomer[]>('u.id', 'u.email')
      .groupBy('u.id', 'u.email')
      .orderBy('spent', 'desc')
      .limit(limit);
  }

  // The finance export wants "everything", so it takes every column there is.
  exportOrders(status: string): Promise<Record<string, unknown>[]> {
    return this.db('orders').select('*').where({ status }).orderBy('id');
  }

  // The heavy per-customer report runs on the read replica.
  async revenuePerUser(limit: number): Promise<UserRevenue[]> {
    const rows = await replicaDb()('orders')
      .sum({ revenue: 'total' })
      .select<{ user_id: number; revenue: string }[]>('user_id')
      .where('status', 'paid')
      .groupBy('user_id')
      .orderBy('revenue', 'desc')
      .limit(limit);
    return rows.map((row) => ({ userId: Number(row.user_id), revenue: Number(row.revenue) }));
  }

  // Also on the replica, but through a pool opened (and torn down) for every call: a new TCP and TLS
  // handshake and authentication each time, and no limit on the connections a burst of exports opens.
  async paidOrdersAfter(afterId: number, limit: number): Promise<Record<string, unknown>[]> {
    const replicaPool = knex({ client: 'pg', connection: config.replicaUrl });
    try {
      return await replicaPool('orders')
        .select('id', 'user_id', 'total')
        .where('status', 'paid')
        .andWhere('id', '>', afterId)
        .orderBy('id')
        .limit(limit);
    } finally {
      await replicaPool.destroy();
    }
  }
}
