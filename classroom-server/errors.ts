// A refusal the client should show as is (full class, wrong code…), as
// opposed to a bug, which is logged and answered with a generic message.
// The words are a phrase: the socket says them in the language of the page
// that connected; the Error's own message is the English, for logs.
import type { ClassroomErrorCode } from '../lib/classroom/messages';
import { say, type Phrase } from '../lib/i18n';

export class ClassroomError extends Error {
  constructor(readonly code: ClassroomErrorCode, readonly phrase: Phrase) { super(say('en', phrase)); }
}
