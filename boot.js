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
  const tag = document.querySelector('script[data-trunk-js]');
  const { default: init } = await import(tag.dataset.trunkJs);
  await init({ module_or_path: tag.dataset.trunkWasm });
}
