/**
 * Sign-in: the account box in the header, the sign-in redirect, the sign-in / register page.
 */
import { h, append, link, flash } from './ui.js';
import { auth, setSession, signOut, request } from './api.js';
import { view, go, newView, route } from './router.js';

// ---------- header ----------

// Pages for staff, linked from the header for the roles that may use them.
var STAFF_PAGES = [
  { href: '/organizer/', text: 'Organizer desk', roles: ['organizer', 'admin'] },
  { href: '/scanner/', text: 'Door scanner', roles: ['scanner', 'organizer', 'admin'] }
];
var RETURN_KEY = 'boxoffice.return_to';   // a staff page to go back to after signing in (organizer.js sets it)

/** True on the shop's page (index.html); the staff pages (/organizer/, /scanner/) are pages of their own. */
function onShopPage() { return location.pathname === '/' || location.pathname === '/index.html'; }

function renderStaffLinks() {
  var nav = document.querySelector('header nav');
  if (!nav) return;
  Array.prototype.forEach.call(nav.querySelectorAll('[data-staff-link]'), function (a) { nav.removeChild(a); });
  var role = auth && auth.role;
  STAFF_PAGES.forEach(function (p) {
    if (p.roles.indexOf(role) < 0) return;
    var here = location.pathname.indexOf(p.href) === 0;
    nav.appendChild(h('a', { href: p.href, 'data-staff-link': p.href, class: here ? 'active' : null, 'aria-current': here ? 'page' : null }, p.text));
  });
}

function renderAccount() {
  var box = document.getElementById('account');
  box.textContent = '';
  var shop = onShopPage();
  if (auth) {
    append(box, [
      h('span', null, 'Signed in as ', h('strong', null, auth.name || 'you')),
      h('button', { type: 'button', onclick: function () { signOut('You have signed out.'); if (shop) go('#/'); } }, 'Sign out')
    ]);
  } else {
    var signIn = link(shop ? '#/signin' : '/#/signin', 'Sign in');
    if (!shop) signIn.addEventListener('click', rememberReturn);
    append(box, signIn);
  }
  renderStaffLinks();
  // The staff pages redraw themselves when the session changes (signed in or out, here or in another tab).
  window.dispatchEvent(new CustomEvent('boxoffice:session'));
}

/** Remembers this staff page, so that signing in on the shop's form comes back to it. */
function rememberReturn() {
  try { sessionStorage.setItem(RETURN_KEY, JSON.stringify({ path: location.pathname + location.hash, at: Date.now() })); } catch (e) { /* private mode */ }
}
/** The staff page to go back to after signing in (saved in the last 30 minutes), or null; forgets it. */
function takeReturn() {
  var saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(RETURN_KEY) || 'null'); sessionStorage.removeItem(RETURN_KEY); } catch (e) { return null; }
  if (!saved || typeof saved.path !== 'string' || !(Date.now() - saved.at < 30 * 60 * 1000)) return null;
  // Only a page of this site: a path, never another origin ("//host" or "/\\host").
  return /^\/[A-Za-z0-9]/.test(saved.path) ? saved.path : null;
}

// ---------- sign in / register ----------

var afterSignIn = null;
function goSignIn() {
  var here = location.hash || '#/';
  if (here.indexOf('#/signin') !== 0) afterSignIn = here;
  go('#/signin');
}

function showAuth(mode) {
  newView(mode === 'register' ? 'Create account' : 'Sign in');
  if (auth) {
    append(view, h('div', { class: 'auth card' },
      h('h1', null, 'You are signed in'),
      h('p', null, 'Signed in as ', h('strong', null, auth.name || ''), '.'),
      h('div', { class: 'stack' }, link(afterSignIn || '#/', 'Continue', 'btn'),
        h('button', { class: 'btn secondary', type: 'button', onclick: function () { signOut('You have signed out.'); route(); } }, 'Sign out'))));
    return;
  }
  var isRegister = mode === 'register';
  var error = h('div', { class: 'form-error', role: 'alert' });
  var nameField = h('div', { class: 'field' }, h('label', { for: 'f-name' }, 'Your name'),
    h('input', { id: 'f-name', name: 'name', autocomplete: 'name', required: isRegister, placeholder: 'As it should appear on tickets' }));
  var form = h('form', { novalidate: true },
    isRegister ? nameField : null,
    h('div', { class: 'field' }, h('label', { for: 'f-email' }, 'Email'),
      h('input', { id: 'f-email', name: 'email', type: 'email', autocomplete: 'email', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'f-password' }, 'Password'),
      h('input', { id: 'f-password', name: 'password', type: 'password', autocomplete: isRegister ? 'new-password' : 'current-password', required: true, minlength: isRegister ? '8' : null }),
      isRegister ? h('div', { class: 'muted small' }, 'At least 8 characters.') : null),
    error,
    h('button', { class: 'btn big', type: 'submit', style: 'width:100%' }, isRegister ? 'Create account' : 'Sign in'));
  append(view, h('div', { class: 'auth card' },
    h('div', { class: 'tabs', role: 'tablist' },
      h('button', { type: 'button', role: 'tab', class: isRegister ? '' : 'active', 'aria-selected': String(!isRegister), onclick: function () { go('#/signin'); } }, 'Sign in'),
      h('button', { type: 'button', role: 'tab', class: isRegister ? 'active' : '', 'aria-selected': String(isRegister), onclick: function () { go('#/register'); } }, 'Create account')),
    form));

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    error.textContent = '';
    var email = form.elements.email.value.trim();
    var password = form.elements.password.value;
    var name = isRegister ? form.elements.name.value.trim() : undefined;
    if (isRegister && !name) { error.textContent = 'Please enter your name.'; form.elements.name.focus(); return; }
    if (!email) { error.textContent = 'Please enter your email address.'; form.elements.email.focus(); return; }
    if (!password) { error.textContent = 'Please enter your password.'; form.elements.password.focus(); return; }
    var submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    var body = isRegister ? { email: email, password: password, name: name } : { email: email, password: password };
    request('POST', '/auth/' + (isRegister ? 'register' : 'login'), { body: body, auth: false }).then(function (r) {
      var s = r.data;
      setSession({ token: s.token, user_id: s.user_id, name: s.name, role: s.role, email: email });
      var back = takeReturn();
      if (back) { location.assign(back); return; }
      flash(isRegister ? 'Welcome to BoxOffice, ' + s.name + '!' : 'Welcome back, ' + s.name + '.', 'success');
      var next = afterSignIn && afterSignIn.indexOf('#/signin') !== 0 && afterSignIn.indexOf('#/register') !== 0 ? afterSignIn : '#/';
      afterSignIn = null;
      go(next);
    }).catch(function (err) {
      submit.disabled = false;
      error.textContent = err.message;
    });
  });
  var firstInput = form.querySelector('input');
  if (firstInput) firstInput.focus();
}

export { renderAccount, rememberReturn, goSignIn, showAuth };
