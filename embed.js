// resetcheck embed loader: <script src="https://checker.example/embed.js" data-lang="de" data-theme="auto"
// data-compact="1" data-checks="clock,browser,network,extensions"></script>. Puts the checker in an iframe
// after this tag (or in the element named by data-target), sizes it to its content, and re-dispatches the
// checker's events (resetcheck:ready, :progress, :done) on window. Only the checker's own origin is heard.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const base = new URL('./', script.src);
  const params = new URLSearchParams({ embed: '1' });
  for (const key of ['lang', 'theme', 'compact', 'checks']) {
    if (script.dataset[key]) params.set(key, script.dataset[key]);
  }
  const frame = document.createElement('iframe');
  frame.src = `${base.href}?${params}`;
  frame.title = script.dataset.title || 'Password reset check';
  frame.setAttribute('allow', 'storage-access');
  frame.style.cssText = 'width:100%;border:0;height:480px;display:block';
  const target = script.dataset.target && document.getElementById(script.dataset.target);
  if (target) target.appendChild(frame);
  else script.after(frame);
  window.addEventListener('message', (e) => {
    const data = e.data;
    if (e.origin !== base.origin || e.source !== frame.contentWindow) return;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith('resetcheck:')) return;
    if (data.type === 'resetcheck:resize') {
      if (Number.isFinite(data.height) && data.height > 0) frame.style.height = `${Math.ceil(data.height)}px`;
      return;
    }
    window.dispatchEvent(new CustomEvent(data.type, { detail: data }));
  });
})();
