import Link from 'next/link';
import { StackIllustration } from '@/components/home/StackIllustration';
import { requestLocale } from '@/app/request-locale';
import { translator, type MessageKey } from '@/lib/i18n';
import styles from './home.module.css';

const uses: { key: 'learn' | 'play' | 'safe'; href: string }[] = [
  { key: 'learn', href: '/lessons' },
  { key: 'play', href: '/play' },
  { key: 'safe', href: '/play' },
];
const steps: { cmd: string; key: MessageKey }[] = [
  { cmd: 'build', key: 'home.step.build' },
  { cmd: 'create', key: 'home.step.create' },
  { cmd: 'start / run', key: 'home.step.run' },
  { cmd: 'commit', key: 'home.step.commit' },
];

export default async function Home() {
  const locale = await requestLocale();
  const t = translator(locale);
  return (
    <main className={styles.main}>
      <section className={styles.hero}>
        <div className={styles.heroText}>
          <h1>{t('home.title')}</h1>
          <p className={styles.lead}>{t('home.lead')}</p>
          <div className={styles.actions}>
            <Link href="/play" className="button primary">{t('home.startPlayground')}</Link>
            <Link href="/lessons" className="button">{t('home.startLessons')}</Link>
          </div>
          <p className={styles.fine}>{t('home.fine')}</p>
        </div>
        <div className={styles.heroArt}>
          <StackIllustration label={t('home.art')} writable={(n) => t('home.art.writable', { n })} caption={t('home.art.caption')} />
        </div>
      </section>
      <section className={styles.steps} aria-label={t('home.steps')}>
        {steps.map((s) => (
          <div key={s.cmd} className={styles.step}>
            <code>docker {s.cmd}</code>
            <p>{t(s.key)}</p>
          </div>
        ))}
      </section>
      <section className={styles.uses}>
        {uses.map((u) => (
          <article key={u.key} className={styles.card}>
            <h2>{t(`home.use.${u.key}.title` as MessageKey)}</h2>
            <p>{t(`home.use.${u.key}.body` as MessageKey)}</p>
            <Link href={u.href}>{t(`home.use.${u.key}.cta` as MessageKey)} →</Link>
          </article>
        ))}
      </section>
    </main>
  );
}
