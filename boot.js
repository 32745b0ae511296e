// Loads the checker's wasm without an inline script, so the page runs under
// `script-src 'self' 'wasm-unsafe-eval'`. Trunk fills in the two data
// attributes (Trunk.toml, pattern_script).
const tag = document.querySelector('script[data-trunk-js]');
const { default: init } = await import(tag.dataset.trunkJs);
await init({ module_or_path: tag.dataset.trunkWasm });
