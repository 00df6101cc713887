/* The sign-in page: labels in the chosen language, and the CSRF token from its cookie into the form. */
(function () {
  function render() {
    document.documentElement.lang = I18N.current();
    document.querySelectorAll('[data-t]').forEach(el => { el.textContent = I18N.t(el.dataset.t); });
    const params = new URLSearchParams(location.search);
    const notice = document.getElementById('notice');
    notice.innerHTML = '';
    if (params.has('error')) notice.innerHTML = '<div class="message error" id="login-error">' + I18N.t('loginFailed') + '</div>';
    if (params.has('logout')) notice.innerHTML = '<div class="message info" id="logged-out">' + I18N.t('loggedOut') + '</div>';
  }
  const select = document.getElementById('lang');
  for (const [code, name] of Object.entries(I18N.languages)) select.add(new Option(name, code, false, code === I18N.current()));
  select.addEventListener('change', () => { I18N.set(select.value); render(); });
  document.getElementById('login-form').addEventListener('submit', () => {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    document.getElementById('csrf').value = match ? decodeURIComponent(match[1]) : '';
  });
  render();
})();
