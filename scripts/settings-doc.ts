// Prints the settings table as Markdown for the README.
import { settingsTable } from '../lib/settings';

console.log('| variable | default | meaning |\n| --- | --- | --- |');
for (const spec of Object.values(settingsTable)) {
  console.log(`| \`${spec.env}\` | \`${spec.default || '(empty)'}\` | ${spec.doc} |`);
}
