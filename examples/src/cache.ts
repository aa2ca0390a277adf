import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { config } from './config';
import type { PublicUser } from './repositories/user-repository';

// One connection per process, shared by every request.
export const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });

/** Read-through cache in Redis, shared by every instance of the API. */
export async function remember<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const cached = await redis.get(key);
  if (cached !== null) return JSON.parse(cached) as T;
  const value = await load();
  await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
  return value;
}

// Written whenever a profile changes so that readers see the update at once. Without an expiry, the
// profile of every user who ever signed up stays in Redis for good, and a missed write is served forever.
export async function storeProfile(profile: PublicUser): Promise<void> {
  await redis.set(`profile:${profile.id}`, JSON.stringify(profile));
}

// In-process copies of hot values, so a request does not even go to Redis: bounded in count and age.
const hot = new LRUCache<string, object>({ max: 1_000, ttl: 10_000 });

export async function rememberLocally<T extends object>(key: string, load: () => Promise<T>): Promise<T> {
  let value = hot.get(key) as T | undefined;
  if (value === undefined) {
    value = await load();
    hot.set(key, value);
  }
  // Callers may change what they get, so each one gets its own copy.
  return JSON.parse(JSON.stringify(value)) as T;
}

// Conversion rates per currency pair, kept for the life of the process: one entry for every pair a
// client ever asked for, never evicted, and never refreshed when the rate moves.
const ratesByPair = new Map<string, number>();

export async function rememberRate(from: string, to: string, load: () => Promise<number>): Promise<number> {
  const pair = `${from}:${to}`;
  const known = ratesByPair.get(pair);
  if (known !== undefined) return known;
  const rate = await load();
  ratesByPair.set(pair, rate);
  return rate;
}
