// The docker CLI commands a solution's API actions correspond to, so the
// solution teaches the commands the learner will type on their own machine.
import type { Action } from './schema';

function quote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
const join = (args: string[]) => args.map(quote).join(' ');

export function actionAsCli(a: Action): string {
  switch (a.do) {
    case 'build': return `docker build -t ${quote(a.tag)} .`;
    case 'create': return `docker create --name ${a.as} ${quote(a.image)}${a.cmd ? ` ${join(a.cmd)}` : ''}`;
    case 'start': return `docker start ${a.container}`;
    case 'stop': return `docker stop ${a.container}`;
    case 'wait': return `docker wait ${a.container}`;
    case 'exec': return `docker exec ${a.container} ${join(a.cmd)}`;
    case 'commit': return `docker commit ${a.container} ${quote(a.tag)}`;
    case 'remove': return `docker rm ${a.container}`;
    case 'push': return `docker tag ${quote(a.image)} ${quote(a.ref)} && docker push ${quote(a.ref)}`;
    case 'remove-image': return `docker rmi ${quote(a.ref)}`;
    case 'pull': return `docker pull ${quote(a.ref)}`;
  }
}
