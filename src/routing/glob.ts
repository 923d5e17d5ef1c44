/**
 * Compiles a glob into a regular expression that matches the whole text, ignoring case. `*` matches
 * any run of characters (also none) and `?` one character; every other character matches itself.
 */
export function compileGlob(pattern: string): RegExp {
  const source = [...pattern]
    .map((character) => {
      if (character === '*') return '.*';
      if (character === '?') return '.';
      return character.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 'is');
}
