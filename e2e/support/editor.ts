import { expect, type Page } from '@playwright/test';

// Replaces the text of the first Monaco editor inside `scope` (a CSS
// selector; the whole page by default).
export async function setDockerfile(page: Page, text: string, scope = '') {
  const editor = page.locator(`${scope} .monaco-editor`.trim()).first();
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText types like an IME, so Monaco's auto-closing of quotes and
  // brackets does not double them.
  await page.keyboard.insertText(text);
}
