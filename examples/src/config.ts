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
  logLevel: process.env.LOG_LEVEL ?? 'info',
} as const;
