import type { ClassMessage } from '@/lib/classroom/roster';
import { HTML_LANG } from '@/lib/i18n';
import { useLocale, useT } from '@/components/playground/locale-context';
import styles from './classroom.module.css';

// Newest first; texts are rendered as text. Times read as the page's language does.
export function MessageList({ messages, label }: { messages: ClassMessage[]; label?: string }) {
  const locale = useLocale();
  const tr = useT();
  if (messages.length === 0) return null;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(HTML_LANG[locale], { hour: '2-digit', minute: '2-digit' });
  return (
    <ul className={styles.messages} aria-label={label ?? tr('classroom.teach.messagesSent')}>
      {[...messages].reverse().map((m) => (
        <li key={m.id}><time dateTime={m.createdAt}>{time(m.createdAt)}</time> <span>{m.text}</span></li>
      ))}
    </ul>
  );
}
