import { Router, type Request, type Response } from 'express';
import { OrderStateError, type OrderService } from '../services/order-service';
import type { OrderRepository, SearchSort } from '../repositories/order-repository';
import { logger } from '../logger';

const SEARCH_SORT_NAMES: readonly string[] = ['newest', 'oldest', 'largest'];

function parseIds(raw: unknown): number[] {
  return String(raw ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0)
    .slice(0, 100);
}

interface PlaceOrderBody {
  userId: number;
  total: number;
}

export function ordersRouter(orders: OrderService, repository: OrderRepository): Router {
  const router = Router();

  router.get('/search', async (req: Request, res: Response) => {
    const sort = SEARCH_SORT_NAMES.includes(String(req.query.sort)) ? (String(req.query.sort) as SearchSort) : 'newest';
    res.json(await repository.search(String(req.query.status ?? 'pending'), sort, 50));
  });

  router.get('/lookup', async (req: Request, res: Response) => {
    res.json(await orders.withCustomers(parseIds(req.query.ids)));
  });

  router.get('/pending/:userId', async (req: Request<{ userId: string }>, res: Response) => {
    res.json({ pending: await repository.hasPendingOrders(Number(req.params.userId)) });
  });

  router.post('/:id/cancel', async (req: Request<{ id: string }>, res: Response) => {
    try {
      res.json(await orders.cancel(Number(req.params.id)));
    } catch (error) {
      if (error instanceof OrderStateError) return void res.status(409).json({ error: error.message });
      throw error;
    }
  });

  router.post('/:id/delivered', async (req: Request<{ id: string }>, res: Response) => {
    res.json(await orders.markDelivered(Number(req.params.id)));
  });

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
