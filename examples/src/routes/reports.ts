import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Router, type Request, type Response } from 'express';
import { config } from '../config';
import type { ReportService } from '../services/report-service';
import { s3 } from '../storage';

interface ExportManifest {
  rows: number;
  generatedAt: string;
}

export function reportsRouter(reports: ReportService): Router {
  const router = Router();

  router.get('/dashboard', async (_req: Request, res: Response) => {
    res.json(await reports.dashboard());
  });

  router.get('/orders.csv', async (req: Request, res: Response) => {
    const status = String(req.query.status ?? 'paid');
    res.type('text/csv').send(await reports.ordersCsv(status));
  });

  router.get('/top-customers', async (req: Request, res: Response) => {
    res.json(await reports.revenuePerUser(Math.min(Number(req.query.limit ?? 20), 100)));
  });

  router.get('/paid-orders', async (req: Request, res: Response) => {
    res.json(await reports.paidOrdersAfter(Number(req.query.after ?? 0), Math.min(Number(req.query.limit ?? 500), 5_000)));
  });

  // Monthly exports run to hundreds of megabytes; each download is held in memory whole before the
  // first byte goes out.
  router.get('/exports/:month.csv', async (req: Request<{ month: string }>, res: Response) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: config.exportsBucket, Key: `exports/${req.params.month}.csv` }));
    if (!object.Body) return void res.status(404).end();
    const csv = await object.Body.transformToByteArray();
    res.type('text/csv').send(Buffer.from(csv));
  });

  // The manifest is a few hundred bytes of JSON, parsed before it is answered.
  router.get('/exports/:month/manifest', async (req: Request<{ month: string }>, res: Response) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: config.exportsBucket, Key: `exports/${req.params.month}.json` }));
    if (!object.Body) return void res.status(404).end();
    const manifest = JSON.parse(await object.Body.transformToString()) as ExportManifest;
    res.json(manifest);
  });

  return router;
}
