// Refuses bad settings at start-up with a message naming the variable.
import { loadSettings, SettingsError } from '../lib/settings';

try {
  loadSettings(process.env);
} catch (err) {
  if (err instanceof SettingsError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
