/**
 * Start-up: the header, the listeners, the first route. Loaded by index.html as a module.
 */
import { SESSION_KEY, reloadSession } from './api.js';
import { renderAccount } from './auth.js';
import { route } from './router.js';
import { HOLD_KEY, reloadHolds, renderHoldBar } from './checkout.js';

// ---------- start ----------

renderAccount();
window.addEventListener('hashchange', route);
window.addEventListener('storage', function (e) {
  if (e.key === SESSION_KEY) { reloadSession(); renderAccount(); }
  if (e.key === HOLD_KEY) { reloadHolds(); renderHoldBar(); }
});
route();
