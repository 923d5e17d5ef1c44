import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from './render/index.ts';

const ASSET_FOLDER = new URL('./assets/', import.meta.url);

/** Files served under `/assets/`, with their content types. */
const ASSET_TYPES: Record<string, string> = {
  'page.js': 'text/javascript; charset=utf-8',
  'date-format.js': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
};

export interface PageAssets {
  /** The page with its placeholders filled in. */
  page: string;
  /** Asset file name to its content and content type. */
  files: Map<string, { body: string; type: string }>;
}

/** Values of the `{{name}}` placeholders in page.html; they are HTML-escaped. */
export type PageValues = Record<'channelName' | 'appName' | 'viewerName' | 'commandHint', string>;

/** Reads the page and its assets once, so a missing file stops the stand-in at start. */
export async function loadPageAssets(values: PageValues): Promise<PageAssets> {
  const template = await readFile(fileURLToPath(new URL('page.html', ASSET_FOLDER)), 'utf8');
  const page = template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = values[name as keyof PageValues];
    if (value === undefined) {
      throw new Error(`page.html uses the unknown placeholder ${placeholder}`);
    }
    return escapeHtml(value);
  });

  const files = new Map<string, { body: string; type: string }>();
  for (const [name, type] of Object.entries(ASSET_TYPES)) {
    files.set(name, { body: await readFile(fileURLToPath(new URL(name, ASSET_FOLDER)), 'utf8'), type });
  }
  return { page, files };
}
