/**
 * The largest CSV file an upload accepts. Robinhood's activity report runs to about 1 MB per few
 * thousand rows, so this holds many years of history; next.config.js lets server actions receive it.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
