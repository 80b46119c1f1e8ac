/**
 * Local sign-in: `npm start` prints http://127.0.0.1:PORT/#token=…, a token made for that run. The
 * page takes it from the address once, keeps it for this origin (so a link opened in a new tab, such
 * as an alert email's, is signed in too) and takes it out of the address bar and history.
 */

const STORAGE_KEY = 'wirewatch.localToken';

/** The token from `#token=…` if the address has one (then remembered), else the remembered one. */
export function takeLocalToken(location: Location, storage: Storage): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash !== null && fromHash !== '') {
    storage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', `${location.pathname}${location.search}#/inbox`);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}

export function forgetLocalToken(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}
