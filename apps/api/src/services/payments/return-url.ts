/**
 * Where the payer's browser goes after paying. Only a page of this site: a path ("/resident/pay/result") or an
 * absolute URL on the request's own origin — never elsewhere, so the cashier cannot be made an open redirect.
 * The order id is added as `order=` (or replaces a literal `{orderId}`), since the app cannot know it yet.
 */
import { ValidationError } from '../../lib/errors';

export const DEFAULT_RETURN_PATH = '/resident/pay/result';

/** The path (with query) of a same-origin return URL; 400 for anything else. */
export function returnPath(returnUrl: string | undefined, origin: string): string {
  if (!returnUrl) return DEFAULT_RETURN_PATH;
  let url: URL;
  try {
    url = new URL(returnUrl, origin);
  } catch {
    throw new ValidationError('returnUrl is not a URL', [{ path: 'returnUrl', message: 'not a URL' }]);
  }
  const relative = returnUrl.startsWith('/') && !returnUrl.startsWith('//') && !returnUrl.includes('\\');
  if (url.origin !== new URL(origin).origin || (!relative && !/^https?:\/\//.test(returnUrl))) {
    throw new ValidationError('returnUrl must be a page of this site', [{ path: 'returnUrl', message: 'must be a path of this site' }]);
  }
  return `${url.pathname}${url.search}`;
}

export function withOrderId(path: string, orderId: string): string {
  // The URL parser percent-encodes the braces in a path (not in a query): accept both spellings.
  if (/\{orderId\}|%7BorderId%7D/i.test(path)) return path.replace(/\{orderId\}|%7BorderId%7D/gi, orderId);
  const url = new URL(path, 'http://x');
  if (!url.searchParams.has('order')) url.searchParams.set('order', orderId);
  return `${url.pathname}${url.search}`;
}
