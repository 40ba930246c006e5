import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Emits the service worker (`sw.js`) with the app shell of this build: the page, every script
 * and style of the bundle, the manifest and the icons. Its cache is named after that list, so a
 * new build replaces the old shell and a phone never mixes the two.
 */
export function serviceWorker(templatePath: string, publicFiles: readonly string[]): Plugin {
  let base = '/';
  return {
    name: 'jyxc-service-worker',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((file) => /\.(js|css)$/.test(file));
      const shell = [
        base,
        ...publicFiles.map((f) => `${base}${f}`),
        ...built.map((f) => `${base}${f}`),
      ].sort();
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(templatePath, 'utf8')
        .replace('__SHELL_VERSION__', version)
        .replace("'__SHELL_FILES__'", JSON.stringify(JSON.stringify(shell)));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
