// Loads the input module (dist/input/: the link and e-mail analysers and
// the QR code) once, on first use. A relative URL in import() would resolve
// against this file, so the caller passes absolute ones. A load that fails
// or takes longer than `timeoutMs` is dropped, so the next use tries again.
let loading;

export function load_input_module(jsUrl, wasmUrl, timeoutMs) {
  loading ??= Promise.race([
    import(jsUrl).then(async (module) => {
      await module.default({ module_or_path: wasmUrl });
      return module;
    }),
    new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs)),
  ]).catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
