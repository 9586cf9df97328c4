import type { ClassMessage } from '@/lib/classroom/roster';
import styles from './classroom.module.css';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

// Newest first; texts are rendered as text.
export function MessageList({ messages, label = 'Messages sent' }: { messages: ClassMessage[]; label?: string }) {
  if (messages.length === 0) return null;
  return (
    <ul className={styles.messages} aria-label={label}>
      {[...messages].reverse().map((m) => (
        <li key={m.id}><time dateTime={m.createdAt}>{time(m.createdAt)}</time> <span>{m.text}</span></li>
      ))}
    </ul>
  );
}
