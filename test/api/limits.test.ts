import assert from 'node:assert/strict';
import net from 'node:net';
import { createApiServer } from '../../api/server';
import { apiWorldForSuite, PARTNER_SECRETS, tokenOf } from './support';

/** Opens a raw connection to the API, sends `head`, and resolves with what came back once the server closed it. */
function rawExchange(url: string, head: string, then?: (socket: net.Socket) => void): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head);
      then?.(socket);
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(15_000, () => reject(new Error('the server kept a slow client waiting')));
  });
}

describe('what one caller may take of the API', () => {
  const t = apiWorldForSuite({
    limits: {
      perKey: { burst: 3, perSecond: 0.2 },
      perAddress: { burst: 12, perSecond: 0.2 },
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
    },
  });

  it('serves the console so that it runs only its own files and no other page can frame it', async () => {
    const page = await fetch(`${t.url}/console/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"])
      assert.ok(policy.includes(directive), policy);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
  });

  it('takes a client that goes away mid-body for what it is, not a failure of its own', async () => {
    const lines = t.logs.length;
    const head =
      `POST /v1/applications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokenOf('clerk')}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 1000\r\nIdempotency-Key: gone-mid-body\r\n\r\n{"unitId":';
    await rawExchange(t.url, head, (socket) => setTimeout(() => socket.destroy(), 100));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logged = t.logs.slice(lines);
    assert.ok(
      logged.some(
        (e) => e.route === '/v1/applications' && e.status === 400 && e.actor === 'unit_clerk:clerk-01',
      ),
      JSON.stringify(logged),
    );
    assert.ok(
      !logged.some((e) => e.level === 'error'),
      `nothing logged as a failure: ${JSON.stringify(logged)}`,
    );
  });

  it('when it stops, finishes the requests in flight and takes no new ones', async () => {
    const api = createApiServer({
      client: t.world.client,
      stores: t.world.stores,
      temporal: t.world.temporal,
      config: { partnerSecrets: PARTNER_SECRETS },
    });
    const url = await api.listen(0);
    const body = '{"unitId":"91330100TEST01"}';
    let finish: (() => void) | undefined;
    const answer = rawExchange(
      url,
      `POST /v1/applications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokenOf('clerk')}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nIdempotency-Key: drained\r\n\r\n` +
        body.slice(0, 5),
      (socket) => (finish = () => socket.write(body.slice(5))),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = api.close(10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await assert.rejects(fetch(`${url}/healthz`), 'a new request finds the door closed');
    finish!();
    assert.match(
      await answer,
      /^HTTP\/1\.1 400 [\s\S]*VALIDATION_FAILED/,
      'the request in flight got its answer',
    );
    await stopped;
  });

  it('takes no more connections at once than its cap: the one past it is closed at once', async () => {
    const api = createApiServer({
      client: t.world.client,
      stores: t.world.stores,
      temporal: t.world.temporal,
      config: { partnerSecrets: PARTNER_SECRETS, limits: { maxConnections: 2 } },
    });
    const { hostname, port } = new URL(await api.listen(0));
    const open = (): Promise<{ socket: net.Socket; closed: Promise<void> }> =>
      new Promise((resolve) => {
        const socket = net.connect(Number(port), hostname, () =>
          resolve({ socket, closed: new Promise((done) => socket.once('close', () => done())) }),
        );
        socket.on('error', () => undefined);
      });
    const held = [await open(), await open()];
    const extra = await open();
    const cut = await Promise.race([
      extra.closed.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
    ]);
    assert.equal(cut, true, 'the third connection was closed by the server');
    for (const { socket } of held) assert.equal(socket.destroyed, false, 'the first two stay open');
    for (const { socket } of [...held, extra]) socket.destroy();
    await api.close(1000);
  });

  it('closes on a client that sends its headers too slowly', async function () {
    this.timeout(20_000);
    const started = Date.now();
    const answer = await rawExchange(t.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    assert.ok(Date.now() - started < 10_000, `closed after ${Date.now() - started} ms`);
    assert.ok(answer === '' || answer.startsWith('HTTP/1.1 408'), answer);
  });

  it('refuses a key past its rate with 429 and Retry-After, other keys unaffected', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.call('operator', 'GET', '/v1/queues')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await t.call('operator', 'GET', '/v1/queues');
    assert.equal(limited.body.error?.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'says when to come back');
    assert.equal((await t.call('supervisor', 'GET', '/v1/queues')).status, 200);
  });

  it('refuses an address past its rate, whoever it claims to be', async () => {
    let answer;
    for (let i = 0; i < 20; i++) {
      answer = await t.call(null, 'GET', '/healthz');
      if (answer.status === 429) break;
    }
    assert.equal(answer?.status, 429);
    assert.equal(answer?.body.error?.code, 'RATE_LIMITED');
  });
});
