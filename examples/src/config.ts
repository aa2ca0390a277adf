function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: required('DATABASE_URL'),
  paymentsUrl: process.env.PAYMENTS_URL ?? 'https://payments.internal',
  shippingUrl: process.env.SHIPPING_URL ?? 'https://shipping.internal',
  ratesUrl: process.env.RATES_URL ?? 'https://rates.example.com',
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379',
  replicaUrl: process.env.REPLICA_DATABASE_URL ?? required('DATABASE_URL'),
  awsRegion: process.env.AWS_REGION ?? 'eu-west-1',
  exportsBucket: process.env.EXPORTS_BUCKET ?? 'shop-api-exports',
  auditWebhookUrl: process.env.AUDIT_WEBHOOK_URL ?? 'https://audit.internal/events',
  opsWebhookUrl: process.env.OPS_WEBHOOK_URL ?? 'https://ops.internal/hooks/orders',
  partnerWebhookUrls: (process.env.PARTNER_WEBHOOK_URLS ?? '').split(',').filter(Boolean),
  logLevel: process.env.LOG_LEVEL ?? 'info',
} as const;
