// The sign-in page: user name and password of the Karaf JAAS realm (the same users as the REST API and the shell).

import {h, uid} from '../dom.js';
import {navigate} from '../router.js';

export async function signInView(ctx) {
  const next = ctx.query.get('next');
  const userId = uid('user');
  const passwordId = uid('password');
  const user = h('input', {id: userId, type: 'text', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {id: passwordId, type: 'password', name: 'password', autocomplete: 'current-password',
    required: true});
  const message = h('p', {class: 'error-box', role: 'alert', hidden: true});
  const submit = h('button', {type: 'submit', class: 'button primary', text: 'Sign in'});
  const form = h('form', {class: 'signin', onSubmit: async (event) => {
    event.preventDefault();
    message.hidden = true;
    submit.disabled = true;
    try {
      await ctx.api.post('/session', {user: user.value.trim(), password: password.value});
      await ctx.signedIn();
      // only a path below the console: a next that pointed elsewhere would make this page an open redirect
      const target = next && /^[a-z0-9][^:]*$/i.test(next) && !next.startsWith('signin') ? next : '';
      navigate(target || './', {replace: true});
    } catch (error) {
      password.value = '';
      message.textContent = error.status === 401 ? 'Wrong user name or password.'
        : error.status === 403 ? `This user may not use the console: ${error.message}` : error.message;
      message.hidden = false;
      password.focus();
    } finally {
      submit.disabled = false;
    }
  }},
  h('h1', {tabindex: '-1', text: 'Sign in to Cardlink'}),
  h('p', {class: 'hint', text: 'Connector management for Matrix42 Core, Pro and IGA. Use your Cardlink (Karaf) user.'}),
  h('div', {class: 'field'}, h('label', {for: userId, text: 'User name'}), user),
  h('div', {class: 'field'}, h('label', {for: passwordId, text: 'Password'}), password),
  message,
  submit);
  ctx.main.append(h('div', {class: 'page signin-page'}, form));
  user.focus();
}
