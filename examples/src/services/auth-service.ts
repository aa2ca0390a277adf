import bcrypt from 'bcryptjs';
import type { CredentialRepository } from '../repositories/credential-repository';

const BCRYPT_COST = 12;

export class AuthService {
  constructor(private readonly credentials: CredentialRepository) {}

  // compareSync runs the whole key stretching (a few hundred ms at cost 12) on the event loop:
  // every other request waits while one user logs in.
  async verify(email: string, password: string): Promise<number | null> {
    const credential = await this.credentials.findByEmail(email.trim().toLowerCase());
    if (!credential) return null;
    return bcrypt.compareSync(password, credential.password_hash) ? credential.user_id : null;
  }

  // The asynchronous hash yields between rounds, so other requests keep being served.
  async setPassword(userId: number, password: string): Promise<void> {
    const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
    await this.credentials.save(userId, passwordHash);
  }
}
