import { createHttp } from '@jyxc/web/http';
import { i18n } from '../i18n.js';

export { ApiFailure } from '@jyxc/web/http';

/**
 * The typed client of the API on the product's own origin (the phone app lives at /m/), and
 * `call`, which turns a lost connection into a readable message and sends an expired session
 * back to login (the router registers that with `handleUnauthorized`).
 */
export const http = createHttp((key) => i18n.global.t(key), window.location.origin);
export const { api, call, handleUnauthorized, failureText } = http;
