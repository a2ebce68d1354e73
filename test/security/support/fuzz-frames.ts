/**
 * Frames that aren't API requests at all, and handshakes that mustn't open: for the WebSocket
 * fuzz. Each says how the host must refuse it.
 */
import type { Rng } from './seeded-random.js';
import { randomJson, randomString, wellFormed } from './fuzz-values.js';

/** The host's request limit (electron/host/ws-bridge.ts); a frame past it is refused by ws itself. */
export const MAX_REQUEST_BYTES = 1 << 20;

export interface BadFrame {
  what: string;
  data: string | Buffer;
  binary: boolean;
  /**
   * The close codes that are a right refusal: 1003 not our protocol (the host says 'malformed
   * request'), 1007 not UTF-8, 1009 too big (ws's own: the standard code is the reason).
   */
  closeCodes: number[];
}

const request = { id: 1, method: 'describeDataset', input: { target: { uri: '/x' } } };

export function badFrame(r: Rng): BadFrame {
  // Random JSON can outgrow the frame limit; then the size is what gets it refused.
  const notProtocol = (what: string, data: string): BadFrame => ({
    what,
    data,
    binary: false,
    closeCodes: [Buffer.byteLength(data) > MAX_REQUEST_BYTES ? 1009 : 1003],
  });
  switch (r.int(0, 8)) {
    case 0:
      return notProtocol('not JSON', `${randomString(r)}{`);
    case 1: {
      const text = JSON.stringify(request);
      return notProtocol('truncated JSON', text.slice(0, r.int(0, text.length - 1)));
    }
    case 2:
      return notProtocol('JSON that is no request', JSON.stringify(randomJson(r)) ?? 'null');
    case 3: {
      const id = r.pick<unknown>(['1', -1, 1.5, null, true, [], {}, 2 ** 64, -0.5]);
      const bad = r.pick([{ id, method: 'listBuilds' }, { method: 'listBuilds' }, { id: 1, method: r.pick<unknown>([5, null, [], {}]) }, [request]]);
      return notProtocol('a request with a bad id or method', JSON.stringify(bad));
    }
    case 4: {
      // Up to ~900 KB: under the frame limit, far past what a recursive parser survives.
      const arrays = r.chance(0.5);
      const n = r.int(1_000, arrays ? 450_000 : 150_000);
      return notProtocol(`nested ${n} deep`, arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n));
    }
    case 5:
      return { what: 'binary', data: r.chance(0.5) ? randomBytes(r) : Buffer.from(JSON.stringify(request)), binary: true, closeCodes: [1003] };
    case 6:
      return {
        what: 'text that is not UTF-8',
        data: Buffer.concat([Buffer.from('{"id":1,"method":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]),
        binary: false,
        closeCodes: [1007],
      };
    case 7:
      return oversized(r);
    default:
      return notProtocol('empty or blank', r.pick(['', ' ', '\n', '\u0000']));
  }
}

export function oversized(r: Rng): BadFrame {
  const size = MAX_REQUEST_BYTES + r.int(1, 2 * MAX_REQUEST_BYTES);
  const data = r.chance(0.5) ? JSON.stringify({ ...request, input: { target: { uri: 'a'.repeat(size) } } }) : 'x'.repeat(size);
  return { what: `${data.length} bytes`, data, binary: r.chance(0.2), closeCodes: [1009] };
}

function randomBytes(r: Rng): Buffer {
  return Buffer.from(Array.from({ length: r.int(0, 512) }, () => r.int(0, 255)));
}

export interface BadHandshake {
  what: string;
  path: string;
  headers: Record<string, string>;
}

/** A handshake that lacks something: the token, the right one, our origin, our Host, our path. */
export function badHandshake(r: Rng, host: { port: number; token: string; origin: string }): BadHandshake {
  const token = host.token;
  const wrongTokens = [
    '',
    randomString(r).slice(0, 64),
    token.slice(0, -1),
    `${token}x`,
    token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
    `${token.slice(0, -1)}${token.at(-1) === 'a' ? 'b' : 'a'}`,
    'x'.repeat(r.int(100, 8_000)),
    `${token}&token=${token}`,
  ];
  switch (r.int(0, 3)) {
    case 0:
      return { what: 'wrong token', path: `/api?token=${encodeURIComponent(wellFormed(r.pick(wrongTokens)))}`, headers: { origin: host.origin } };
    case 1:
      return { what: 'no token', path: r.pick(['/api', '/api?', '/api?tok=' + token, `/api?Token=${token}`]), headers: { origin: host.origin } };
    case 2:
      return {
        what: 'another origin',
        path: `/api?token=${token}`,
        headers: {
          origin: r.pick(['http://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, host.origin + '.evil.example']),
        },
      };
    default:
      return r.chance(0.5)
        ? {
            what: 'another path',
            path: r.pick([`/API?token=${token}`, `/api/?token=${token}`, `/other?token=${token}`, `//api?token=${token}`]),
            headers: { origin: host.origin },
          }
        : {
            what: 'another Host (DNS rebinding)',
            path: `/api?token=${token}`,
            headers: { origin: host.origin, host: r.pick(['evil.example', `evil.example:${host.port}`, `127.0.0.2:${host.port}`]) },
          };
  }
}
