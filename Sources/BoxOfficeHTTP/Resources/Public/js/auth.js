/**
 * Sign-in: the account box in the header, the sign-in redirect, the sign-in / register page.
 */
import { h, append, link, flash } from './ui.js';
import { auth, setSession, signOut, request } from './api.js';
import { view, go, newView, route } from './router.js';

// ---------- header ----------

function renderAccount() {
  var box = document.getElementById('account');
  box.textContent = '';
  if (auth) {
    append(box, [
      h('span', null, 'Signed in as ', h('strong', null, auth.name || 'you')),
      h('button', { type: 'button', onclick: function () { signOut('You have signed out.'); go('#/'); } }, 'Sign out')
    ]);
  } else {
    append(box, link('#/signin', 'Sign in'));
  }
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

export { renderAccount, goSignIn, showAuth };
