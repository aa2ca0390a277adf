import { config } from '../config';
import { logger } from '../logger';

export interface OrderEvent {
  type: 'order.placed' | 'order.cancelled' | 'order.delivered';
  orderId: number;
  at: string;
}

const WEBHOOK_TIMEOUT_MS = 5_000;

async function deliver(url: string, event: OrderEvent): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  if (!response.ok) logger.warn({ url, status: response.status }, 'webhook rejected');
  return response.ok;
}

// Partners subscribe their own URLs: a store with a thousand subscribers opens a thousand sockets at once.
export async function broadcast(subscriberUrls: readonly string[], event: OrderEvent): Promise<number> {
  const delivered = await Promise.all(subscriberUrls.map((url) => deliver(url, event)));
  return delivered.filter(Boolean).length;
}

// Our own two endpoints, always exactly these.
export async function notifyInternal(event: OrderEvent): Promise<void> {
  await Promise.all([deliver(config.auditWebhookUrl, event), deliver(config.opsWebhookUrl, event)]);
}
