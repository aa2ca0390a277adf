import pino from 'pino';
import { config } from './config';

// Asynchronous destination: log lines are buffered and flushed off the request path.
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });

export const logger = pino({ level: config.logLevel, base: { service: 'shop-api' } }, destination);

export type Logger = typeof logger;

// Flush the buffer on shutdown so the last lines are not lost.
export function flushLogs(): void {
  destination.flushSync();
}
