import type { Pool } from 'pg';

export interface OrderRow {
  id: number;
  total: number;
  status: string;
  user_id: number;
}

// Sort orders the order search accepts, and the SQL each one stands for.
const SEARCH_SORTS = {
  newest: 'id DESC',
  oldest: 'id ASC',
  largest: 'total DESC',
} as const;

export type SearchSort = keyof typeof SEARCH_SORTS;

// Hand-written SQL for the order history page, which Prisma generated badly for us.
export class OrderRepository {
  constructor(private readonly pool: Pool) {}

  // TODO: list the columns. SELECT * also drags along whatever gets added to `orders` later.
  async findByUser(userId: number, limit: number): Promise<OrderRow[]> {
    const { rows } = await this.pool.query<OrderRow>(
      'SELECT * FROM orders WHERE user_id = $1 ORDER BY id DESC LIMIT $2',
      [userId, limit],
    );
    return rows;
  }

  async findPageByStatus(status: string, afterId: number, limit: number): Promise<OrderRow[]> {
    const { rows } = await this.pool.query<OrderRow>(
      'SELECT id, total, status, user_id FROM orders WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3',
      [status, afterId, limit],
    );
    return rows;
  }

  // COUNT(*) counts rows; it reads no columns back.
  async countByStatus(status: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      'SELECT COUNT(*)::int AS count FROM orders WHERE status = $1',
      [status],
    );
    return rows[0]?.count ?? 0;
  }

  // The status goes into the SQL text itself: a quote in it breaks (or rewrites) the query, and every
  // status makes a new statement for Postgres to plan. The sort is picked from SEARCH_SORTS, never spliced.
  async search(status: string, sort: SearchSort, limit: number): Promise<OrderRow[]> {
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT id, total, status, user_id FROM orders WHERE status = '${status}' ORDER BY ${SEARCH_SORTS[sort]} LIMIT $1`,
      [limit],
    );
    return rows;
  }

  // Loads every order of the user to answer a yes/no question.
  async hasPendingOrders(userId: number): Promise<boolean> {
    const { rows } = await this.pool.query<Pick<OrderRow, 'id' | 'status'>>(
      'SELECT id, status FROM orders WHERE user_id = $1',
      [userId],
    );
    return rows.some((order) => order.status === 'pending');
  }

  // At most one row comes back: the id is the primary key.
  async belongsTo(orderId: number, userId: number): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM orders WHERE id = $1 AND user_id = $2', [orderId, userId]);
    return rows.length > 0;
  }
}
