import type { Pool } from 'pg';

export interface Credential {
  user_id: number;
  password_hash: string;
}

// Password hashes live in their own table, outside the Prisma schema and out of reach of its queries.
export class CredentialRepository {
  constructor(private readonly pool: Pool) {}

  async findByEmail(email: string): Promise<Credential | undefined> {
    const { rows } = await this.pool.query<Credential>(
      'SELECT c.user_id, c.password_hash FROM credentials c JOIN users u ON u.id = c.user_id WHERE u.email = $1',
      [email],
    );
    return rows[0];
  }

  async save(userId: number, passwordHash: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO credentials (user_id, password_hash) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET password_hash = $2',
      [userId, passwordHash],
    );
  }
}
