import type { Knex } from 'knex';

export interface StatusCount {
  status: string;
  count: number;
}

export interface TopCustomer {
  id: number;
  email: string;
  spent: number;
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
}
