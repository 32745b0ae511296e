// Loads a page's wasm without an inline script, so it runs under
// `script-src 'self' 'wasm-unsafe-eval'`. Trunk fills in the two data
// attributes (Trunk.toml, pattern_script).
//
// The checker's `#support=CODE` links (the code panel's e-mail and QR) go
// on to the support page, a bundle of its own, before the checker's wasm
// loads: `support/index.html` sits next to the checker in dist/.
const toSupport = document.documentElement.dataset.view !== 'support' && location.hash.startsWith('#support');
if (toSupport) {
  location.replace(`support/index.html${location.search}${location.hash}`);
} else {
  // While the wasm loads (a second or two on a slow phone) the page says it
  // is coming instead of staying blank, but only after half a second, so a
  // fast load never flashes it. The status line is shown empty and its text
  // put in then: a screen reader reads a status line's new text, rarely one
  // that appears with its text already in. It goes once the app has mounted
  // (init runs the app's main, which renders synchronously).
  const loading = document.getElementById('boot-loading');
  const text = loading?.textContent;
  if (loading) {
    loading.textContent = '';
    loading.hidden = false;
  }
  const saying = setTimeout(() => { if (loading) loading.textContent = text; }, 500);
  const loaded = () => {
    clearTimeout(saying);
    loading?.remove();
  };
  const tag = document.querySelector('script[data-trunk-js]');
  try {
    const { default: init } = await import(tag.dataset.trunkJs);
    await init({ module_or_path: tag.dataset.trunkWasm });
    loaded();
  } catch (error) {
    loaded();
    // Never a blank page: the user gets the page's own fallback line (in
    // index.html, from the message catalogue), the admin the likely causes.
    document.getElementById('boot-failed')?.removeAttribute('hidden');
    console.error(
      'resetcheck could not start. Usual causes: a .wasm or .js file missing from the deploy, or a ' +
        "Content-Security-Policy without 'wasm-unsafe-eval' in script-src (see docs/deploy.md).",
      error,
    );
  }
}
