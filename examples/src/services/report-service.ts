import { rememberLocally } from '../cache';
import type { OrderRepository } from '../repositories/order-repository';
import type { ReportRepository, StatusCount, TopCustomer, UserRevenue } from '../repositories/report-repository';

export interface Dashboard {
  statuses: StatusCount[];
  topCustomers: TopCustomer[];
  pendingCount: number;
}

export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly orders: OrderRepository,
  ) {}

  // Every dashboard refresh would run the three aggregates; ten seconds of staleness is fine.
  dashboard(): Promise<Dashboard> {
    return rememberLocally('reports:dashboard', async () => {
      const [statuses, topCustomers, pendingCount] = await Promise.all([
        this.reports.ordersPerStatus(),
        this.reports.topCustomers(10),
        this.orders.countByStatus('pending'),
      ]);
      return { statuses, topCustomers, pendingCount };
    });
  }

  revenuePerUser(limit: number): Promise<UserRevenue[]> {
    return this.reports.revenuePerUser(limit);
  }

  paidOrdersAfter(afterId: number, limit: number): Promise<Record<string, unknown>[]> {
    return this.reports.paidOrdersAfter(afterId, limit);
  }

  async ordersCsv(status: string): Promise<string> {
    const rows = await this.reports.exportOrders(status);
    if (rows.length === 0) return '';
    const header = Object.keys(rows[0]);
    const lines = rows.map((row) => header.map((column) => csvCell(row[column])).join(','));
    return [header.join(','), ...lines].join('\n');
  }
}

function csvCell(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
