import axios from 'axios';

export interface Label {
  orderId: number;
  trackingNumber: string;
}

// No timeout: when the carrier's API hangs, so do our requests (axios waits forever by default).
const shippingApi = axios.create({
  baseURL: process.env.SHIPPING_URL ?? 'https://shipping.internal',
  headers: { 'content-type': 'application/json' },
});

export class ShippingClient {
  // One request for the whole batch; the carrier accepts up to 500 orders per call.
  async createLabels(orderIds: readonly number[]): Promise<Label[]> {
    const { data } = await shippingApi.post<Label[]>('/labels', { orderIds });
    return data;
  }

  async track(trackingNumber: string): Promise<string> {
    const { data } = await shippingApi.get<{ status: string }>(`/tracking/${encodeURIComponent(trackingNumber)}`);
    return data.status;
  }
}
