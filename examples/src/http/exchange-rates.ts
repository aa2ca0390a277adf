import { logger } from '../logger';

interface RatesResponse {
  base: string;
  rates: Record<string, number>;
}

const RATES_TIMEOUT_MS = 2_000;

export class ExchangeRates {
  constructor(private readonly baseUrl: string) {}

  async rate(from: string, to: string): Promise<number> {
    if (from === to) return 1;
    const response = await fetch(`${this.baseUrl}/latest?base=${from}&symbols=${to}`, {
      signal: AbortSignal.timeout(RATES_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`rates service answered ${response.status}`);
    const body = (await response.json()) as RatesResponse;
    const rate = body.rates[to];
    if (rate === undefined) throw new Error(`no rate for ${from}->${to}`);
    return rate;
  }

  // The caller's signal is aborted when the client disconnects; the timeout caps the wait either way.
  async rates(base: string, callerSignal: AbortSignal): Promise<Record<string, number>> {
    const response = await fetch(`${this.baseUrl}/latest?base=${base}`, {
      signal: AbortSignal.any([callerSignal, AbortSignal.timeout(RATES_TIMEOUT_MS)]),
    });
    const body = (await response.json()) as RatesResponse;
    return body.rates;
  }

  // No signal, no timeout: a slow rates service stalls /currencies indefinitely.
  async currencies(): Promise<string[]> {
    const response = await fetch(`${this.baseUrl}/currencies`, { headers: { accept: 'application/json' } });
    if (!response.ok) {
      logger.warn({ status: response.status }, 'currency list unavailable');
      return [];
    }
    return (await response.json()) as string[];
  }
}
