import Link from 'next/link';
import { StackIllustration } from '@/components/home/StackIllustration';
import styles from './home.module.css';

const uses = [
  { title: 'Learn at your own pace', body: 'Short lessons, from what a container shares with its host to how a Dockerfile becomes layers. Every task is checked against what the engine really did.', href: '/lessons', cta: 'Start the lessons' },
  { title: 'Experiment freely', body: 'The playground gives you an editor that knows Dockerfiles, a build that shows each step, and containers you can open a terminal into.', href: '/play', cta: 'Open a playground' },
  { title: 'Real, and sandboxed', body: 'Builds and containers run on a real Docker Engine under gVisor, with memory, CPU and process limits, so you can break things safely.', href: '/play', cta: 'Try breaking something' },
];

export default function Home() {
  return (
    <main className={styles.main}>
      <section className={styles.hero}>
        <div className={styles.heroText}>
          <h1>See what Docker really does.</h1>
          <p className={styles.lead}>
            Write a Dockerfile, build it on a real Docker Engine, and watch every step land as a layer.
            Create, start, commit and remove containers, and see their writable layers change as you work in a terminal.
          </p>
          <div className={styles.actions}>
            <Link href="/play" className="button primary">Open the playground</Link>
            <Link href="/lessons" className="button">Browse lessons</Link>
          </div>
          <p className={styles.fine}>No account, nothing to install. Each session runs in its own sandbox under gVisor.</p>
        </div>
        <div className={styles.heroArt}><StackIllustration /></div>
      </section>
      <section className={styles.steps} aria-label="What you will see">
        {[
          ['build', 'Each instruction runs in a short-lived container, and what it changed is frozen into a read-only layer.'],
          ['create', 'A container is the image’s layers plus one thin writable layer of its own.'],
          ['start / run', 'Starting wraps that view of files in its own processes, hostname and network.'],
          ['commit', 'The writable layer is burned into a new read-only layer: a new image.'],
        ].map(([k, v]) => (
          <div key={k} className={styles.step}>
            <code>docker {k}</code>
            <p>{v}</p>
          </div>
        ))}
      </section>
      <section className={styles.uses}>
        {uses.map((u) => (
          <article key={u.title} className={styles.card}>
            <h2>{u.title}</h2>
            <p>{u.body}</p>
            <Link href={u.href}>{u.cta} →</Link>
          </article>
        ))}
      </section>
    </main>
  );
}
