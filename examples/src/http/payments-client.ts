import axios, { type AxiosInstance } from 'axios';

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

  async refund(chargeId: string): Promise<void> {
    await this.http.post(`/charges/${encodeURIComponent(chargeId)}/refund`);
  }
}
