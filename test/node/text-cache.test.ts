import { describe, expect, it } from 'vitest';
import { TextCache } from '../../src/cache/text-cache.ts';
import { createStdoutLineWriter } from '../../src/node/log-writer.ts';

describe('the in-memory text cache', () => {
  it('serves a text only under the version it was made from', () => {
    const cache = new TextCache(10, 1000);
    cache.set('a', 'v1', 'first');
    expect(cache.get('a', 'v1')).toBe('first');
    expect(cache.get('a', 'v2')).toBeUndefined();
    cache.set('a', 'v2', 'second');
    expect(cache.get('a', 'v1')).toBeUndefined();
    expect(cache.get('a', 'v2')).toBe('second');
    expect(cache.size).toBe(1);
  });

  it('drops the least recently used entries beyond its entry and character limits', () => {
    const cache = new TextCache(2, 10);
    cache.set('a', 'v', 'aaa');
    cache.set('b', 'v', 'bbb');
    expect(cache.get('a', 'v')).toBe('aaa');
    cache.set('c', 'v', 'ccc');
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBe('aaa');
    cache.set('d', 'v', 'dddddddd');
    expect(cache.chars).toBeLessThanOrEqual(10);
    expect(cache.get('d', 'v')).toBe('dddddddd');
    expect(cache.get('c', 'v')).toBeUndefined();
    cache.set('e', 'v', 'x'.repeat(11));
    expect(cache.get('e', 'v')).toBeUndefined();
  });
});

describe('the log line writer', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const writes: string[] = [];
    const out = { fd: -1, write: (text: string) => writes.push(text) > 0 } as unknown as NodeJS.WriteStream & {
      fd: number;
    };
    const write = createStdoutLineWriter(out);
    write('{"n":1}');
    write('{"n":2}');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n']);
    write('{"n":3}');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n', '{"n":3}\n']);
  });
});
