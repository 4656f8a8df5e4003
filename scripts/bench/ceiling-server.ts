import { hash, verify } from '@node-rs/argon2';
import Fastify from 'fastify';
import { rawRunner } from './raw-reads.ts';

/**
 * The ceilings, in one bare Fastify 5 process: a hello-world, one argon2id verify per request (the
 * app's parameters) and the raw SQL of each read. Argument: port; env BENCH_DATABASE (JSON).
 */
const port = Number(process.argv[2]);
const database = JSON.parse(process.env.BENCH_DATABASE ?? 'null');
const app = Fastify({ logger: false });
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const password = 'bench-password-correct-horse-battery';
const passwordHash = await hash(password, options);
const raw = database ? rawRunner(database) : null;

app.get('/hello', async () => ({ hello: 'world' }));
app.post('/argon2', async () => ({ ok: await verify(passwordHash, password) }));
app.get<{ Params: { read: string }; Querystring: { p?: string | string[] } }>('/raw/:read', async (request) => {
  const params = request.query.p === undefined ? [] : [request.query.p].flat();
  return raw!.run(request.params.read, params);
});
await app.listen({ port, host: '127.0.0.1' });
process.send?.('ready');
