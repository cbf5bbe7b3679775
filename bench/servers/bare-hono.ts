import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** (A) The floor: Hono on @hono/node-server, reading the body and answering 200. */
const app = new Hono();
app.post('/lark/events', async (c) => {
  await c.req.arrayBuffer();
  return c.json({});
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => {
  process.stdout.write('listening\n');
});
