import type { Pool } from 'pg';

export interface OrderRow {
  id: number;
  total: number;
  status: string;
  user_id: number;
}

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
}
