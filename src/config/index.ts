export { loadConfig, ConfigError, type Config } from './config.ts';
export { parseDuration } from './duration.ts';
export { SECRET_SETTINGS } from './secrets.ts';
