// resetcheck embed loader: <script src="https://checker.example/embed.js" data-lang="en" data-theme="auto"
// data-compact="1" data-checks="clock,browser,network,extensions"></script>. Puts the checker in an iframe
// after this tag (or in the element named by data-target), sizes it to its content, and re-dispatches the
// checker's events (resetcheck:ready, :progress, :done) on window. Only the checker's own origin is heard.
// The frame stays hidden until the checker speaks, so a frame the browser refused (frame-ancestors, the page's
// own CSP) never shows its error box: the user sees the checker, or the page's own fallback (any element marked
// data-resetcheck-fallback, such as a plain link to the checker, is hidden once the checker speaks), or nothing.
// What goes wrong is said in the console, for the admin, and as resetcheck:error on window after 15 s.
(() => {
  const say = (text) => console.warn(`resetcheck embed.js: ${text}`);
  const script = document.currentScript;
  // Loaded as a module (or injected some other way), it can't find its own tag (admin review, 2026-11-27).
  if (!script) {
    say('load it with a plain <script src=…>, not type="module": it could not find its tag.');
    window.dispatchEvent(new CustomEvent('resetcheck:error', { detail: { type: 'resetcheck:error', reason: 'no_tag' } }));
    return;
  }
  // One checker per page: a second copy would run every check twice and double every event.
  // (A single-page app that unmounts the widget and mounts it again gets a new one.)
  const earlier = window.__resetcheckEmbed;
  if (earlier && (earlier.isConnected || document.readyState === 'loading')) {
    say('the snippet is on this page twice; only the first one runs.');
    return;
  }
  const base = new URL('./', script.src);
  const params = new URLSearchParams({ embed: '1' });
  for (const key of ['lang', 'theme', 'compact', 'checks']) {
    if (script.dataset[key]) params.set(key, script.dataset[key]);
  }
  // Whether this page keeps a cookie of its own: in a frame from another site the checker sees only its
  // third-party cookies, which many browsers block by default, so "block all cookies" would look the same as
  // that harmless default and the user would hear nothing of the one setting that breaks their reset.
  // Only on a top-level page (in a frame, this page's own cookies are third-party too), and only a cookie that
  // didn't stick counts (a sandboxed page throws: unknown). Stamped with the time, so a frame address copied
  // into a plain <iframe> doesn't carry the verdict to every visitor.
  try {
    if (window.self === window.top) {
      const name = 'resetcheck_embed_probe';
      document.cookie = `${name}=1; path=/; SameSite=Lax; max-age=60`;
      const kept = document.cookie.split(';').some((c) => c.trim() === `${name}=1`);
      document.cookie = `${name}=; path=/; SameSite=Lax; max-age=0`;
      if (!kept) params.set('host_cookies', `blocked.${Date.now()}`);
    }
  } catch (e) {
    // Unknown: the checker judges by its own cookies alone.
  }
  const frame = document.createElement('iframe');
  frame.src = `${base.href}?${params}`;
  // The frame's accessible name: data-title, else the checker's own title in its language once it says it
  // (resetcheck:title), and until then the product's name.
  frame.title = script.dataset.title || 'resetcheck';
  frame.setAttribute('allow', 'storage-access');
  // The checker learns this page's origin (Firefox reads it from the referrer), never its path or query, which
  // may hold personal data, whatever this page's own Referrer-Policy.
  frame.referrerPolicy = 'strict-origin';
  frame.style.cssText = 'width:100%;border:0;height:0;display:block;visibility:hidden';
  window.__resetcheckEmbed = frame;
  let ready = false;
  let placed = false;
  // From placing the frame: a late snippet's wait starts when its frame does.
  const waitForWord = () => setTimeout(() => {
    if (!ready && frame.isConnected) {
      say(`no word from the checker at ${base.href} after 15 s, so its frame stays hidden. Check that ` +
        `resetcheck.json lists this page's origin (${location.origin}) in allowed_embedders, that the checker's ` +
        `frame-ancestors allows it, and that this page's CSP allows the checker in frame-src and script-src.`);
      window.dispatchEvent(new CustomEvent('resetcheck:error', { detail: { type: 'resetcheck:error', reason: 'silent' } }));
    }
  }, 15000);
  const place = () => {
    const id = script.dataset.target;
    const target = id && document.getElementById(id);
    if (target) target.appendChild(frame);
    else if (!id && script.closest('body')) script.after(frame);
    else if (document.readyState === 'loading') return false;
    else if (!id) document.body.appendChild(frame);
    else {
      say(`no element with id "${id}" (data-target); the checker goes at the end of the page instead.`);
      document.body.appendChild(frame);
    }
    placed = true;
    waitForWord();
    return true;
  };
  // A snippet in <head> names a target the parser hasn't reached yet.
  if (!place()) document.addEventListener('DOMContentLoaded', place, { once: true });
  const listen = (e) => {
    // A frame taken off the page (a single-page app unmounting the widget) is no longer heard; one not yet
    // placed (a snippet waiting for its target) will be.
    if (placed && !frame.isConnected) {
      window.removeEventListener('message', listen);
      return;
    }
    const data = e.data;
    if (e.origin !== base.origin || e.source !== frame.contentWindow) return;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith('resetcheck:')) return;
    if (!ready) {
      ready = true;
      frame.style.visibility = '';
      if (frame.style.height === '0px') frame.style.height = '480px';
      for (const fallback of document.querySelectorAll('[data-resetcheck-fallback]')) fallback.hidden = true;
    }
    if (data.type === 'resetcheck:title') {
      if (!script.dataset.title && typeof data.title === 'string' && data.title) frame.title = data.title;
      return;
    }
    if (data.type === 'resetcheck:resize') {
      if (Number.isFinite(data.height) && data.height > 0) frame.style.height = `${Math.ceil(data.height)}px`;
      return;
    }
    window.dispatchEvent(new CustomEvent(data.type, { detail: data }));
  };
  window.addEventListener('message', listen);
})();
