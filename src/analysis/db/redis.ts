/**
 * Redis: ioredis (`new Redis()`), node-redis (`createClient()`) and Upstash's REST client (`new Redis({ url, token })`,
 * `Redis.fromEnv()`, one HTTP request per command, or per tick's commands with its default auto-pipelining: see
 * src/analysis/auto-pipelining.ts); commands, pipelines and MULTI.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { namePatternInText, continueOperation, startOperation, type DbValue, type LibraryModel, type Role } from './model';

/** Commands that change data; every other command in the list reads. Lower-cased: node-redis spells them hGetAll or HGETALL. */
const WRITE_COMMANDS = [
  'set', 'setex', 'setnx', 'psetex', 'getset', 'getdel', 'getex', 'mset', 'msetnx', 'incr', 'incrby', 'incrbyfloat', 'decr', 'decrby', 'append',
  'setrange', 'del', 'unlink', 'expire', 'expireat', 'pexpire', 'pexpireat', 'persist', 'rename', 'renamenx', 'copy', 'hset', 'hsetnx', 'hmset',
  'hdel', 'hincrby', 'hincrbyfloat', 'lpush', 'rpush', 'lpushx', 'rpushx', 'lpop', 'rpop', 'lrem', 'lset', 'ltrim', 'linsert', 'blpop', 'brpop',
  'lmove', 'blmove', 'rpoplpush', 'sadd', 'srem', 'spop', 'smove', 'sinterstore', 'sunionstore', 'sdiffstore', 'zadd', 'zrem', 'zincrby',
  'zremrangebyscore', 'zremrangebyrank', 'zpopmin', 'zpopmax', 'xadd', 'xdel', 'xtrim', 'xack', 'publish', 'setbit', 'pfadd', 'geoadd',
  'flushdb', 'flushall', 'json.set',
];
const READ_COMMANDS = [
  'get', 'mget', 'strlen', 'getrange', 'exists', 'ttl', 'pttl', 'type', 'keys', 'scan', 'hget', 'hmget', 'hgetall', 'hexists', 'hkeys', 'hvals',
  'hlen', 'hscan', 'hstrlen', 'lrange', 'llen', 'lindex', 'lpos', 'smembers', 'sismember', 'smismember', 'scard', 'srandmember', 'sinter',
  'sunion', 'sdiff', 'sscan', 'zrange', 'zrangebyscore', 'zrevrange', 'zrevrangebyscore', 'zrangebylex', 'zscore', 'zmscore', 'zcard', 'zcount',
  'zrank', 'zrevrank', 'zscan', 'xread', 'xreadgroup', 'xrange', 'xrevrange', 'xlen', 'getbit', 'bitcount', 'pfcount', 'georadius', 'geosearch',
  'geopos', 'geodist', 'dbsize',
];
const RAW_COMMANDS = ['eval', 'evalsha', 'call', 'sendcommand', 'send_command', 'fcall'];

const WRITES = new Set(WRITE_COMMANDS);
const READS = new Set(READ_COMMANDS);
const RAWS = new Set(RAW_COMMANDS);
const BATCHED = new Set(['mget', 'mset', 'msetnx', 'hmget', 'hmset', 'smismember', 'zmscore']);

/** Lower case: the pre-filter also tries each name lower-cased, which covers node-redis's hGetAll and HGETALL. */
const NAMES = [...WRITE_COMMANDS, ...READ_COMMANDS, ...RAW_COMMANDS];

/** Receiver names that mean a Redis client when nothing else is known. */
const REDIS_NAME = /^(redis|redisClient|ioredis|redisConnection)$/i;

function commandKind(method: string): 'read' | 'write' | 'raw' | undefined {
  const name = method.toLowerCase();
  if (READS.has(name)) return 'read';
  if (WRITES.has(name)) return 'write';
  if (RAWS.has(name)) return 'raw';
  return undefined;
}

function command(value: DbValue, method: string, call: TSESTree.CallExpression): DbValue | undefined {
  const kind = commandKind(method);
  if (!kind) return undefined;
  return startOperation(value, call, method, kind, { target: undefined, isBatched: BATCHED.has(method.toLowerCase()) });
}

const client: Role = { role: 'client' };
const pipelineMethods = new Set(['pipeline', 'multi', 'batch']);

function isRedisModule(source: string): boolean {
  return source === 'ioredis' || source === 'redis' || source === '@redis/client' || isUpstashModule(source);
}

/** `@upstash/redis` and its platform entries (`@upstash/redis/cloudflare`, `/fastly`, `/nodejs`). */
function isUpstashModule(source: string): boolean {
  return source === '@upstash/redis' || source.startsWith('@upstash/redis/');
}

export const redis: LibraryModel = {
  library: 'redis',
  shapeText: [namePatternInText(REDIS_NAME)],
  matchesPackage: isRedisModule,
  methodNames: [...NAMES, 'pipeline', 'multi', 'exec', 'execaspipeline', 'connect'],
  fromModule(path, source) {
    if (source === 'ioredis') {
      if (path.length === 0 || (path.length === 1 && (path[0] === 'Redis' || path[0] === 'Cluster'))) return { role: 'clientClass' };
      return undefined;
    }
    if (isUpstashModule(source)) return path.length === 1 && path[0] === 'Redis' ? { role: 'clientClass' } : undefined;
    if (path.length === 0) return { role: 'module' };
    if (path.length === 1 && (path[0] === 'createClient' || path[0] === 'createCluster' || path[0] === 'createSentinel')) return { role: 'factory' };
    return undefined;
  },
  fromAnnotation(path) {
    const name = path.length === 1 ? path[0] : path.length === 2 && path[0] === 'Redis' ? path[1] : undefined;
    return name === undefined ? undefined : roleOfTypeName(name);
  },
  fromType(typeName, _typeArguments, isStatic) {
    if (isStatic) return typeName === 'Redis' || typeName === 'Cluster' ? { role: 'clientClass' } : undefined;
    return roleOfTypeName(typeName);
  },
  fromOpaque(names, method, call) {
    if (method === undefined || !REDIS_NAME.test(names[names.length - 1])) return undefined;
    const base: DbValue = { library: 'redis', role: 'client', evidence: 'shape' };
    if (pipelineMethods.has(method)) return startOperation(base, call, method, 'write', { role: 'pipeline', sent: false, isBatched: true });
    return command(base, method, call);
  },
  construct(value) {
    return value.role === 'clientClass' ? client : undefined;
  },
  subclass(value) {
    return value.role === 'clientClass' ? value : undefined;
  },
  member(value, name) {
    if (value.role === 'clientClass' && name === 'Cluster') return { role: 'clientClass' };
    return undefined;
  },
  call(value, method, call) {
    switch (value.role) {
      case 'clientClass':
        // Upstash's `Redis.fromEnv()` reads the REST URL and token from the environment.
        return method === 'fromEnv' ? client : undefined;
      case 'factory':
        return method === undefined ? client : undefined;
      case 'module':
        return method === 'createClient' || method === 'createCluster' ? client : undefined;
      case 'client':
        if (method === undefined) return undefined;
        if (method === 'connect') return { role: 'client', result: client };
        if (method === 'duplicate' || method === 'isolated' || method === 'withTypeMapping') return client;
        if (pipelineMethods.has(method)) return startOperation(value, call, method, 'write', { role: 'pipeline', sent: false, isBatched: true });
        return command(value, method, call);
      case 'pipeline':
        if (method === undefined) return undefined;
        if (method === 'exec' || method === 'execAsPipeline') return continueOperation(value, call, method, { sent: true, isBatched: true });
        if (commandKind(method)) return continueOperation(value, call, method, { sent: false });
        return undefined;
      default:
        return undefined;
    }
  },
};

function roleOfTypeName(name: string): Role | undefined {
  switch (name) {
    case 'Redis':
    case 'Cluster':
    case 'RedisClientType':
    case 'RedisClient':
    case 'RedisClusterType':
    case 'RedisCluster':
    case 'RedisSentinelType':
      return client;
    case 'ChainableCommander':
    case 'Pipeline':
    case 'RedisClientMultiCommandType':
    case 'RedisClientMultiCommand':
      return { role: 'pipeline' };
    default:
      return undefined;
  }
}
