import { describe, expect, it } from 'vitest';
import { actionAsCli } from './cli';
import type { Action } from './schema';

describe('actionAsCli', () => {
  it.each<[Action, string]>([
    [{ do: 'build', dockerfile: 'FROM x', tag: 'lab/x:1' } as Action, 'docker build -t lab/x:1 .'],
    [{ do: 'create', as: 'box', image: 'busybox:latest', cmd: ['sleep', '300'] } as Action, 'docker create --name box busybox:latest sleep 300'],
    [{ do: 'exec', container: 'box', cmd: ['sh', '-c', "echo 'hi' > /x"] } as Action, `docker exec box sh -c 'echo '\\''hi'\\'' > /x'`],
    [{ do: 'commit', container: 'box', tag: 'lab/s:1' } as Action, 'docker commit box lab/s:1'],
    [{ do: 'push', image: 'lab/h:1', ref: 'localhost:5000/lab/h:1' } as Action, 'docker tag lab/h:1 localhost:5000/lab/h:1 && docker push localhost:5000/lab/h:1'],
  ])('%o', (action, cli) => {
    expect(actionAsCli(action)).toBe(cli);
  });
});
