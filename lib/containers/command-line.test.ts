import { describe, expect, it } from 'vitest';
import { CommandHistory, commandWords, dockerExecLine, dockerRunLine, isMissingShell, shellCommand, shellQuote } from './command-line';

describe('command boxes as a shell reads them', () => {
  it('hands the whole line to sh -c', () => {
    expect(shellCommand('mkdir -p /data && echo x > /data/x')).toEqual(['sh', '-c', 'mkdir -p /data && echo x > /data/x']);
  });

  it('quotes for the docker CLI line the box stands for', () => {
    expect(shellQuote('uname')).toBe('uname');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(dockerExecLine('3f2a9c1b0d4e', 'echo $((6*7)) > /tmp/f && cat /tmp/f')).toBe(`docker exec 3f2a9c1b0d4e sh -c 'echo $((6*7)) > /tmp/f && cat /tmp/f'`);
    expect(dockerRunLine('myapp:1', 'echo hi', true)).toBe(`docker run -d -i myapp:1 sh -c 'echo hi'`);
    expect(dockerRunLine('myapp:1', '  ', false)).toBe('docker create -i myapp:1');
  });

  it('lets lesson checks see the words of plain commands only', () => {
    expect(commandWords(['sh', '-c', 'uname -r'])).toEqual(['uname', '-r']);
    expect(commandWords(['sh', '-c', 'cat /etc/os-release'])).toEqual(['cat', '/etc/os-release']);
    expect(commandWords(['sh', '-c', 'echo a && echo b'])).toEqual(['sh', '-c', 'echo a && echo b']);
    expect(commandWords(['sh', '-c', 'echo "a b"'])).toEqual(['sh', '-c', 'echo "a b"']);
    expect(commandWords(['uname', '-r'])).toEqual(['uname', '-r']);
  });

  it('recognises both runtimes\' words for a missing shell', () => {
    // Recorded: gVisor (runsc) on Engine 20.10, and runc.
    expect(isMissingShell('OCI runtime exec failed: executing processes for container: executing command "sh -c echo hi" in sandbox: error finding executable "sh" in PATH [/usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin]: no such file or directory: unknown')).toBe(true);
    expect(isMissingShell('OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: "sh": executable file not found in $PATH: unknown')).toBe(true);
    expect(isMissingShell('sh: nosuchcmd: not found')).toBe(false);
  });

  it('walks the history like a shell', () => {
    const h = new CommandHistory();
    expect(h.previous()).toBeUndefined();
    h.add('ls'); h.add('pwd'); h.add('pwd');
    expect(h.previous()).toBe('pwd');
    expect(h.previous()).toBe('ls');
    expect(h.previous()).toBe('ls');
    expect(h.next()).toBe('pwd');
    expect(h.next()).toBe('');
  });
});
