// Loads the input module (dist/input/: the link and e-mail analysers) once,
// on first use. A relative URL in import() would resolve against this file,
// so the caller passes absolute ones. After a failure, the next use retries.
let loading;

export function load_input_module(jsUrl, wasmUrl) {
  loading ??= import(jsUrl)
    .then(async (module) => {
      await module.default({ module_or_path: wasmUrl });
      return module;
    })
    .catch((error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
