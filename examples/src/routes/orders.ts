import { Router, type Request, type Response } from 'express';
import type { OrderService } from '../services/order-service';
import { logger } from '../logger';

interface PlaceOrderBody {
  userId: number;
  total: number;
}

export function ordersRouter(orders: OrderService): Router {
  const router = Router();

  router.get('/recent', async (req: Request, res: Response) => {
    const limit = Math.min(Number(req.query.limit ?? 20), 100);
    res.json(await orders.recentSummaries(limit));
  });

  router.get('/recent/joined', async (req: Request, res: Response) => {
    const limit = Math.min(Number(req.query.limit ?? 20), 100);
    res.json(await orders.recentSummariesJoined(limit));
  });

  router.get('/by-user/:userId', async (req: Request<{ userId: string }>, res: Response) => {
    res.json(await orders.historyFor(Number(req.params.userId)));
  });

  router.post('/', async (req: Request<unknown, unknown, PlaceOrderBody>, res: Response) => {
    // Left over from debugging: a synchronous write to stdout on every order.
    console.log('placing order', req.body);
    const order = await orders.place(req.body.userId, req.body.total);
    res.status(201).json(order);
  });

  router.post('/ship', async (_req: Request, res: Response) => {
    const shipped = await orders.shipPaid();
    logger.info({ shipped }, 'shipping run finished');
    res.json({ shipped });
  });

  router.get('/revenue', async (_req: Request, res: Response) => {
    res.json(await orders.revenueByStatus());
  });

  return router;
}
