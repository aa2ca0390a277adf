import { Queue } from 'bullmq';
import express, { type NextFunction, type Request, type Response } from 'express';
import { redis } from './cache';
import { config } from './config';
import { closeDatabases, pgPool, prisma, reportingDb } from './db';
import { ExchangeRates } from './http/exchange-rates';
import { PaymentsClient } from './http/payments-client';
import { ShippingClient } from './http/shipping-client';
import { flushLogs, logger } from './logger';
import { CredentialRepository } from './repositories/credential-repository';
import { OrderRepository } from './repositories/order-repository';
import { ReportRepository } from './repositories/report-repository';
import { UserRepository } from './repositories/user-repository';
import { authRouter } from './routes/auth';
import { ordersRouter } from './routes/orders';
import { reportsRouter } from './routes/reports';
import { usersRouter } from './routes/users';
import { AuthService } from './services/auth-service';
import { OrderService } from './services/order-service';
import { ReportService } from './services/report-service';
import { UserService } from './services/user-service';

// Composition root: every dependency is created once here and handed down through constructors.
const rates = new ExchangeRates(config.ratesUrl);
// Jobs for the e-mail worker, which runs as a separate process.
const notifications = new Queue('notifications', { connection: { url: config.redisUrl } });
const orderRepository = new OrderRepository(pgPool);
const orderService = new OrderService(
  prisma,
  orderRepository,
  new PaymentsClient(config.paymentsUrl, process.env.PAYMENTS_API_KEY ?? ''),
  new ShippingClient(),
  logger,
  notifications,
);
const userService = new UserService(new UserRepository(prisma), prisma, rates);
const reportService = new ReportService(new ReportRepository(reportingDb), orderRepository);
const authService = new AuthService(new CredentialRepository(pgPool));

const app = express();
app.use(express.json({ limit: '100kb' }));

app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});
app.use('/auth', authRouter(authService));
app.use('/orders', ordersRouter(orderService, orderRepository));
app.use('/users', usersRouter(userService, rates));
app.use('/reports', reportsRouter(reportService));

app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
  logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
  res.status(500).json({ error: 'internal error' });
});

const server = app.listen(config.port, () => {
  // Once, at startup.
  console.log(`shop-api listening on http://localhost:${config.port} (${config.env})`);
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  server.close();
  await Promise.all([closeDatabases(), notifications.close(), redis.quit()]);
  flushLogs();
  process.exit(0);
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
