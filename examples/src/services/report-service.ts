import type { OrderRepository } from '../repositories/order-repository';
import type { ReportRepository, StatusCount, TopCustomer } from '../repositories/report-repository';

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

  async dashboard(): Promise<Dashboard> {
    const [statuses, topCustomers, pendingCount] = await Promise.all([
      this.reports.ordersPerStatus(),
      this.reports.topCustomers(10),
      this.orders.countByStatus('pending'),
    ]);
    return { statuses, topCustomers, pendingCount };
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
