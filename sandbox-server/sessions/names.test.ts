import { describe, expect, it } from 'vitest';
import { fromEngineContainerName, fromEngineTag, isSessionId, parseLearnerRef, parseRegistryRef, sessionOfRegistryRepo, toEngineContainerName, toEngineTag } from './names';

const sid = 'abc123def456';

describe('image names', () => {
  it.each([
    ['myapp', `layerlab/s-${sid}/myapp:latest`],
    ['myapp:1', `layerlab/s-${sid}/myapp:1`],
    ['lab/web:v1.2', `layerlab/s-${sid}/lab/web:v1.2`],
  ])('maps %s and back', (ref, engine) => {
    expect(toEngineTag(sid, ref)).toBe(engine);
    const back = fromEngineTag(sid, engine)!;
    expect(back.startsWith(ref.split(':')[0])).toBe(true);
  });

  it.each(['MyApp', 'a b', 'x@sha256:00', 'localhost:5001/x:1', 'localhost:5000/evil.com/x:1', 'localhost:5000/X:1', 'layerlab/s-other/x:1', ':tag', 'a:', 'a:b:c'])('refuses %j', (ref) => {
    expect(toEngineTag(sid, ref)).toBeUndefined();
  });

  it('maps the lesson registry\'s names into the session\'s own namespace there', () => {
    expect(toEngineTag(sid, 'localhost:5000/lab/hello:1')).toBe(`localhost:5000/s-${sid}/lab/hello:1`);
    expect(fromEngineTag(sid, `localhost:5000/s-${sid}/lab/hello:1`)).toBe('localhost:5000/lab/hello:1');
    expect(fromEngineTag(sid, 'localhost:5000/s-000000000000/lab/hello:1')).toBeUndefined();
    expect(parseRegistryRef('lab/hello:1')).toEqual(parseRegistryRef('localhost:5000/lab/hello:1'));
    for (const other of ['docker.io/library/x:1', 'localhost/x:1', 'example.com:443/x:1', 'x@sha256:00']) expect(parseRegistryRef(other)).toBeUndefined();
    expect(sessionOfRegistryRepo(`s-${sid}/lab/hello`)).toBe(sid);
    expect(sessionOfRegistryRepo('lab/hello')).toBeUndefined();
  });

  it('never maps back a tag of another session', () => {
    expect(fromEngineTag(sid, 'layerlab/s-000000000000/myapp:1')).toBeUndefined();
    expect(fromEngineTag(sid, 'busybox:latest')).toBeUndefined();
  });

  it('parses the tag after the last slash only', () => {
    expect(parseLearnerRef('a/b')).toEqual({ repo: 'a/b', tag: 'latest' });
  });
});

describe('container names and ids', () => {
  it('prefixes names with the session', () => {
    const engine = toEngineContainerName(sid, 'web');
    expect(fromEngineContainerName(sid, '/' + engine)).toBe('web');
    expect(fromEngineContainerName('zzzzzzzzzzzz', engine)).toBeUndefined();
  });
  it('knows a session id', () => {
    expect(isSessionId(sid)).toBe(true);
    expect(isSessionId('../etc')).toBe(false);
  });
});
