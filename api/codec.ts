// The remote codec endpoint the Temporal Web UI (and `temporal --codec-endpoint`) calls to show payloads in
// clear: Temporal's codec server protocol, run through the very codecs the API's Temporal client encodes with.
import type { Payload } from '@temporalio/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { SscardError } from '../domain/errors';
import { authorize } from '../client/applications';
import { parseOrThrow } from '../client/errors';
import { authenticate } from './auth';
import type { ApiDeps } from './deps';
import { parseJsonBody, readBody, sendJson } from './http';

/** Temporal's gRPC messages are at most 4 MB: their payloads, in base64 JSON, fit in 8. */
const CODEC_BODY_LIMIT = 8 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const ALLOWED = ['POST', 'OPTIONS'];

// Payloads in proto3 JSON: every bytes field, each metadata value and the data, is base64 (either alphabet).
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64');
const payloadJson = z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() });
type PayloadJson = z.infer<typeof payloadJson>;
export const codecBodySchema = z.object({ payloads: z.array(payloadJson) });

const fromJson = ({ metadata = {}, data = '' }: PayloadJson): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data, 'base64'),
});

const toJson = ({ metadata, data }: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(data ?? []).toString('base64'),
});

export function createCodecEndpoint({ stores, temporal, config }: ApiDeps) {
  const codecs = temporal.options.loadedDataConverter.payloadCodecs;
  // As the SDK applies them: encoding runs the codecs in order, decoding in reverse.
  const run = {
    encode: async (payloads: Payload[]) => {
      for (const codec of codecs) payloads = await codec.encode(payloads);
      return payloads;
    },
    decode: async (payloads: Payload[]) => {
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    },
  };

  /**
   * A token-less call from this machine, with SSCARD_CODEC_TRUST_LOOPBACK only, and not from another site's
   * page: a browser names the page's origin, which must then be the Web UI's (this also stops DNS rebinding).
   */
  function trustedLocally(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return (
      config.codecTrustLoopback === true &&
      !request.headers.authorization &&
      LOOPBACK.has(request.socket.remoteAddress ?? '') &&
      (origin === undefined || origin === config.uiOrigin)
    );
  }

  /** Answers /codec/encode and /codec/decode; refusals are thrown, with the CORS headers already set. */
  return async function serveCodec(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
  ): Promise<void> {
    // Every answer carries them, refusals included, so the Web UI can read why it was refused.
    if (config.uiOrigin) {
      response.setHeader('Access-Control-Allow-Origin', config.uiOrigin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    const operation = pathname.slice('/codec/'.length);
    if (operation !== 'encode' && operation !== 'decode')
      throw new SscardError('NOT_FOUND', 'the codec endpoint answers /codec/encode and /codec/decode');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'Access-Control-Allow-Methods': ALLOWED.join(', '),
        'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization',
        'Access-Control-Max-Age': '600',
        'Content-Length': '0',
      });
      response.end();
      return;
    }
    if (request.method !== 'POST') {
      throw new SscardError('METHOD_NOT_ALLOWED', `${pathname} answers ${ALLOWED.join(', ')}`, {
        allowed: ALLOWED,
      });
    }
    let caller = 'loopback';
    if (!trustedLocally(request)) {
      const { actor } = await authenticate(request.headers.authorization, stores);
      authorize(actor, 'decode_payloads');
      caller = `${actor.role}:${actor.id}`;
    }
    const raw = await readBody(request, CODEC_BODY_LIMIT);
    const { payloads } = parseOrThrow(codecBodySchema, parseJsonBody(raw, request.headers['content-type']));
    const result = await run[operation](payloads.map(fromJson));
    // Who saw payloads in clear, never what they hold.
    config.log?.({ level: 'info', msg: `codec ${operation}`, payloads: payloads.length, actor: caller });
    sendJson(response, 200, { payloads: result.map(toJson) });
  };
}
