import { Router, type Request, type Response } from 'express';
import { NotFoundError, type UserService } from '../services/user-service';
import type { ExchangeRates } from '../http/exchange-rates';

function parseIds(raw: unknown): number[] {
  return String(raw ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0)
    .slice(0, 100);
}

export function usersRouter(users: UserService, rates: ExchangeRates): Router {
  const router = Router();

  router.get('/', async (req: Request, res: Response) => {
    const after = req.query.after === undefined ? undefined : Number(req.query.after);
    res.json(await users.list(after, Number(req.query.pageSize ?? 50)));
  });

  router.get('/lookup', async (req: Request, res: Response) => {
    res.json(await users.lookup(parseIds(req.query.ids)));
  });

  router.get('/authors', async (req: Request, res: Response) => {
    res.json(await users.authorsWithPosts(parseIds(req.query.ids)));
  });

  router.get('/currencies', async (_req: Request, res: Response) => {
    res.json(await rates.currencies());
  });

  router.get('/:id', async (req: Request<{ id: string }>, res: Response) => {
    try {
      res.json(await users.profile(Number(req.params.id)));
    } catch (error) {
      if (error instanceof NotFoundError) return void res.status(404).json({ error: error.message });
      throw error;
    }
  });

  router.get('/:id/spend', async (req: Request<{ id: string }>, res: Response) => {
    const currency = String(req.query.currency ?? 'EUR').toUpperCase();
    res.json(await users.lifetimeSpend(Number(req.params.id), currency));
  });

  router.post('/', async (req: Request<unknown, unknown, { email: string; name?: string }>, res: Response) => {
    res.status(201).json(await users.register(req.body.email, req.body.name ?? null));
  });

  return router;
}
