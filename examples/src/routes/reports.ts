import { Router, type Request, type Response } from 'express';
import type { ReportService } from '../services/report-service';

export function reportsRouter(reports: ReportService): Router {
  const router = Router();

  router.get('/dashboard', async (_req: Request, res: Response) => {
    res.json(await reports.dashboard());
  });

  router.get('/orders.csv', async (req: Request, res: Response) => {
    const status = String(req.query.status ?? 'paid');
    res.type('text/csv').send(await reports.ordersCsv(status));
  });

  return router;
}
