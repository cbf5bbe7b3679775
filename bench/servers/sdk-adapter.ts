import { createServer } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';

/**
 * (B) The official SDK's own webhook path: `adaptDefault` + `EventDispatcher` on node:http,
 * verifying and decrypting each event, with a handler that does nothing (no durability).
 */
const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.LARK_ENCRYPT_KEY ?? '',
  verificationToken: process.env.LARK_VERIFICATION_TOKEN ?? '',
  loggerLevel: lark.LoggerLevel.error,
}).register({ 'im.message.receive_v1': async () => {} });
createServer(lark.adaptDefault('/lark/events', dispatcher, { autoChallenge: true })).listen(
  Number(process.env.PORT),
  '127.0.0.1',
  () => process.stdout.write('listening\n'),
);
